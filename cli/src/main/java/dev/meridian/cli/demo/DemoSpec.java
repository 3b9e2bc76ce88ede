package dev.meridian.cli.demo;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.meridian.cli.apply.ServicesFile.ServiceSpec;
import dev.meridian.local.demo.DemoServices.Placement;
import java.util.ArrayList;
import java.util.List;

/**
 * The demo's service: {@code api.demo.test}, WEIGHTED across the sample services, tuned to be
 * lively (1 s probes with a 1 s timeout, rise/fall 2, TTL 5 s, 20 s ramp, flap damping with a 15 s
 * half-life so a laptop under load recovers from a spurious flap within a minute) and allowed to
 * probe loopback addresses.
 */
public final class DemoSpec {
  public static final String SERVICE = "api.demo.test";
  public static final List<String> REGIONS = List.of("us-east-1", "us-west-2", "eu-west-1");
  public static final List<String> HOSTS = List.of("127.0.0.11", "127.0.0.12", "127.0.0.13");
  public static final int SAMPLE_PORT = 8080;

  private DemoSpec() {}

  public static List<Placement> placements(List<String> hosts, int port) {
    List<Placement> out = new ArrayList<>();
    for (int i = 0; i < REGIONS.size(); i++) {
      out.add(new Placement(REGIONS.get(i), hosts.get(i % hosts.size()), port));
    }
    return out;
  }

  /** The service and its endpoints as {@code services apply} would read them from YAML. */
  public static ServiceSpec spec(List<Placement> placements) {
    JsonNodeFactory f = JsonNodeFactory.instance;
    ObjectNode c = f.objectNode();
    c.put("policy", "WEIGHTED");
    c.put("ttlSeconds", 5);
    ObjectNode probe = c.putObject("probe");
    probe.put("intervalSeconds", 1);
    probe.put("timeoutMillis", 1000);
    probe.put("rise", 2);
    probe.put("fall", 2);
    c.put("quorum", 2);
    c.put("holdDownSeconds", 5);
    c.put("rampSeconds", 20);
    c.put("drainSeconds", 20);
    c.put("allowPrivateTargets", true);
    ObjectNode damping = c.putObject("damping");
    damping.put("halfLifeSeconds", 15);
    List<ObjectNode> endpoints = new ArrayList<>();
    for (Placement p : placements) {
      ObjectNode e = f.objectNode();
      e.put("id", p.region() + "-a");
      e.put("region", p.region());
      e.put("address", p.host());
      e.put("port", p.port());
      e.put("healthPath", "/health");
      endpoints.add(e);
    }
    return new ServiceSpec(SERVICE, c, endpoints);
  }
}
