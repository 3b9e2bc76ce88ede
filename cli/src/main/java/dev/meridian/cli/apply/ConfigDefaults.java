package dev.meridian.cli.apply;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.meridian.core.model.FlapDamping;
import dev.meridian.core.model.ProbeSettings;
import dev.meridian.core.model.ServiceConfig;

/**
 * A service configuration in the API's JSON shape with the core's defaults, so that {@code services
 * apply} can show exactly what a PUT (which replaces the whole configuration) changes.
 */
public final class ConfigDefaults {
  private ConfigDefaults() {}

  public static ObjectNode of(String name) {
    ServiceConfig c = ServiceConfig.builder(name).build();
    JsonNodeFactory f = JsonNodeFactory.instance;
    ObjectNode n = f.objectNode();
    n.put("policy", c.policy().name());
    n.set("failoverPriority", f.arrayNode());
    n.put("recordType", c.recordType().name());
    n.put("ttlSeconds", c.ttl().toSeconds());
    ProbeSettings p = c.probe();
    ObjectNode probe = n.putObject("probe");
    probe.put("intervalSeconds", p.interval().toSeconds());
    probe.put("timeoutMillis", p.timeout().toMillis());
    probe.put("rise", p.rise());
    probe.put("fall", p.fall());
    n.put("quorum", c.quorum());
    n.put("stalenessSeconds", c.staleness().toSeconds());
    n.put("holdDownSeconds", c.holdDown().toSeconds());
    FlapDamping d = c.damping();
    ObjectNode damping = n.putObject("damping");
    damping.put("enabled", d.enabled());
    damping.put("penalty", d.penalty());
    damping.put("halfLifeSeconds", d.halfLife().toSeconds());
    damping.put("suppressThreshold", d.suppressThreshold());
    damping.put("reuseThreshold", d.reuseThreshold());
    damping.put("maxPenalty", d.maxPenalty());
    n.put("rampSeconds", c.rampDuration().toSeconds());
    n.put("maxStepIncrease", c.maxStepIncrease());
    n.put("panicThreshold", c.panicThreshold());
    n.put("failMode", c.failMode().name());
    n.put("drillHeadroom", c.drillHeadroom());
    n.put("expectedLoad", c.expectedLoad());
    n.put("allowPrivateTargets", c.allowPrivateTargets());
    n.put("drainSeconds", c.drainDuration().toSeconds());
    return n;
  }
}
