package dev.meridian.api;

import dev.meridian.core.model.Drill;
import dev.meridian.core.model.DrillId;
import dev.meridian.core.model.DrillMode;
import dev.meridian.core.model.DrillState;
import dev.meridian.core.model.Endpoint;
import dev.meridian.core.model.EndpointId;
import dev.meridian.core.model.EndpointState;
import dev.meridian.core.model.RecordType;
import dev.meridian.core.model.Region;
import dev.meridian.core.model.ServiceConfig;
import dev.meridian.core.model.ServiceName;
import dev.meridian.core.model.Versioned;
import java.time.Instant;
import java.util.Optional;

/** A small, fixed world the request tests start from. */
final class Seeds {
  static final String API = "api.example.com";
  static final String PRIVATE = "private.example.com";
  static final String V6 = "v6.example.com";
  static final String CNAME = "cname.example.com";
  static final String MISSING = "nothere.example.com";
  static final Instant NOW = Instant.parse("2026-12-01T10:00:00Z");

  private Seeds() {}

  static void seed(Stores s) {
    s.watch(API, PRIVATE, V6, CNAME, MISSING, "new.example.com");
    s.endpoints.saveService(ServiceConfig.builder(API).build(), Versioned.NEW);
    s.endpoints.saveService(
        ServiceConfig.builder(PRIVATE).allowPrivateTargets(true).build(), Versioned.NEW);
    s.endpoints.saveService(
        ServiceConfig.builder(V6).recordType(RecordType.AAAA).build(), Versioned.NEW);
    s.endpoints.saveService(
        ServiceConfig.builder(CNAME).recordType(RecordType.CNAME).build(), Versioned.NEW);
    endpoint(s, API, "use1-a", "us-east-1", "203.0.113.10", EndpointState.ACTIVE);
    endpoint(s, API, "usw2-a", "us-west-2", "203.0.113.20", EndpointState.ACTIVE);
    endpoint(s, API, "use1-off", "us-east-1", "203.0.113.11", EndpointState.DISABLED);
    endpoint(s, PRIVATE, "loop-a", "us-east-1", "127.0.0.11", EndpointState.ACTIVE);
    s.drills.save(
        new Drill(
            new DrillId("d-done"),
            ServiceName.of(API),
            Region.of("us-east-1"),
            DrillMode.evacuate(),
            NOW.minusSeconds(7200),
            NOW.minusSeconds(3600),
            "last week's game day",
            "arn:aws:iam::123456789012:user/operator",
            DrillState.COMPLETED,
            Optional.of("completed at expiry"),
            NOW.minusSeconds(7200),
            NOW.minusSeconds(3600)),
        Versioned.NEW);
  }

  static void endpoint(
      Stores s, String service, String id, String region, String address, EndpointState state) {
    s.endpoints.saveEndpoint(
        Endpoint.builder(ServiceName.of(service), EndpointId.of(id), Region.of(region), address)
            .state(state)
            .build(),
        Versioned.NEW);
  }
}
