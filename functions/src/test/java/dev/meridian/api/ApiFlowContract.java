package dev.meridian.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.meridian.api.ApiTarget.Response;
import dev.meridian.api.dto.DrillList;
import dev.meridian.api.dto.DrillResponse;
import dev.meridian.api.dto.DrillResult;
import dev.meridian.api.dto.EndpointList;
import dev.meridian.api.dto.EndpointResponse;
import dev.meridian.api.dto.EventPage;
import dev.meridian.api.dto.PlanPreviewResponse;
import dev.meridian.api.dto.Problem;
import dev.meridian.api.dto.ServiceConfigResponse;
import dev.meridian.api.dto.ServiceList;
import dev.meridian.api.dto.StatusResponse;
import dev.meridian.core.model.AuditEvent;
import dev.meridian.core.model.ChangeAction;
import dev.meridian.core.model.DrillState;
import dev.meridian.core.model.EndpointId;
import dev.meridian.core.model.EndpointState;
import dev.meridian.core.model.FailMode;
import dev.meridian.core.model.HealthState;
import dev.meridian.core.model.PlanMode;
import dev.meridian.core.model.RecordType;
import dev.meridian.core.model.Region;
import dev.meridian.core.model.RoutingPolicy;
import dev.meridian.core.model.ServiceConfig;
import dev.meridian.core.model.ServiceName;
import dev.meridian.core.model.VantageHealth;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Happy paths and the failure modes that need state, run against one {@link ApiTarget} (the local
 * server and the API Gateway handler each have a subclass). Responses are read with Jackson
 * databind into the DTO records, as the CLI reads them.
 */
abstract class ApiFlowContract {
  abstract ApiTarget api();

  abstract Stores stores();

  abstract TestClock clock();

  /** The identity the target's valid credentials stand for, as recorded in the audit log. */
  abstract String caller();

  static final String FULL_CONFIG =
      """
      {"policy":"WEIGHTED","failoverPriority":["us-east-1"],"recordType":"A","ttlSeconds":45,
       "probe":{"intervalSeconds":5,"timeoutMillis":1500,"rise":3,"fall":2},"quorum":1,
       "stalenessSeconds":60,"holdDownSeconds":20,
       "damping":{"enabled":false,"penalty":500,"halfLifeSeconds":60,"suppressThreshold":2000,
                  "reuseThreshold":800,"maxPenalty":4000},
       "rampSeconds":90,"maxStepIncrease":0.5,"panicThreshold":0.2,"failMode":"STATIC",
       "drillHeadroom":0.2,"expectedLoad":150,"allowPrivateTargets":true}
      """;

  private String path(String service) {
    return "/v1/services/" + service;
  }

  private List<AuditEvent> audit(String service) {
    return stores().audit.all(ServiceName.of(service));
  }

  @Test
  void createsReadsReplacesAndDeletesAService() {
    String s = "lifecycle.example.com";
    Response created = api().send("PUT", path(s), "{}");
    assertThat(created.status()).as(created.toString()).isEqualTo(201);
    assertThat(created.header("etag")).isEqualTo("\"1\"");
    ServiceConfigResponse cfg = created.as(ServiceConfigResponse.class);
    assertThat(cfg.name()).isEqualTo(s);
    assertThat(cfg.version()).isEqualTo(1);
    assertThat(cfg.policy()).isEqualTo(ServiceConfig.DEFAULT_POLICY);
    assertThat(cfg.ttlSeconds()).isEqualTo(ServiceConfig.DEFAULT_TTL.toSeconds());
    assertThat(cfg.quorum()).isEqualTo(ServiceConfig.DEFAULT_QUORUM);
    assertThat(cfg.failMode()).isEqualTo(ServiceConfig.DEFAULT_FAIL_MODE);
    assertThat(cfg.failoverPriority()).isEmpty();
    assertThat(cfg.probe().intervalSeconds()).isEqualTo(10);

    Response read = api().send("GET", path(s), null);
    assertThat(read.status()).isEqualTo(200);
    assertThat(read.header("etag")).isEqualTo("\"1\"");
    assertThat(read.as(ServiceConfigResponse.class)).isEqualTo(cfg);

    clock().advance(Duration.ofSeconds(1));
    long auditBefore = audit(s).size();
    Response same = api().send("PUT", path(s), "{}");
    assertThat(same.status()).isEqualTo(200);
    assertThat(same.as(ServiceConfigResponse.class).version()).isEqualTo(1);
    assertThat(audit(s)).hasSize((int) auditBefore);

    Response replaced =
        api()
            .send(
                "PUT",
                path(s),
                "{\"ttlSeconds\":60}",
                Map.of("Content-Type", "application/json", "If-Match", "\"1\""),
                ApiTarget.Auth.VALID);
    assertThat(replaced.status()).isEqualTo(200);
    assertThat(replaced.as(ServiceConfigResponse.class).version()).isEqualTo(2);
    assertThat(replaced.as(ServiceConfigResponse.class).ttlSeconds()).isEqualTo(60);

    assertThat(api().send("GET", "/v1/services", null).as(ServiceList.class).items())
        .extracting(ServiceConfigResponse::name)
        .contains(s);

    clock().advance(Duration.ofSeconds(1));
    Response deleted = api().send("DELETE", path(s), null);
    assertThat(deleted.status()).isEqualTo(204);
    assertThat(api().send("GET", path(s), null).status()).isEqualTo(404);
    assertThat(audit(s))
        .extracting(AuditEvent::kind, AuditEvent::actor, AuditEvent::summary)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(
                AuditEvent.Kind.CONFIG_CHANGED, caller(), "service deleted"),
            org.assertj.core.groups.Tuple.tuple(
                AuditEvent.Kind.CONFIG_CHANGED, caller(), "service configuration replaced"),
            org.assertj.core.groups.Tuple.tuple(
                AuditEvent.Kind.CONFIG_CHANGED, caller(), "service created"));
  }

  @Test
  void everyConfigurationFieldRoundTrips() {
    String s = "full.example.com";
    Response r = api().send("PUT", path(s), FULL_CONFIG);
    assertThat(r.status()).as(r.toString()).isEqualTo(201);
    ServiceConfigResponse c = r.as(ServiceConfigResponse.class);
    assertThat(c.failoverPriority()).containsExactly("us-east-1");
    assertThat(c.recordType()).isEqualTo(RecordType.A);
    assertThat(c.ttlSeconds()).isEqualTo(45);
    assertThat(c.probe().intervalSeconds()).isEqualTo(5);
    assertThat(c.probe().timeoutMillis()).isEqualTo(1500);
    assertThat(c.probe().rise()).isEqualTo(3);
    assertThat(c.probe().fall()).isEqualTo(2);
    assertThat(c.quorum()).isEqualTo(1);
    assertThat(c.stalenessSeconds()).isEqualTo(60);
    assertThat(c.holdDownSeconds()).isEqualTo(20);
    assertThat(c.damping().enabled()).isFalse();
    assertThat(c.damping().penalty()).isEqualTo(500.0);
    assertThat(c.damping().halfLifeSeconds()).isEqualTo(60);
    assertThat(c.damping().suppressThreshold()).isEqualTo(2000.0);
    assertThat(c.damping().reuseThreshold()).isEqualTo(800.0);
    assertThat(c.damping().maxPenalty()).isEqualTo(4000.0);
    assertThat(c.rampSeconds()).isEqualTo(90);
    assertThat(c.maxStepIncrease()).isEqualTo(0.5);
    assertThat(c.panicThreshold()).isEqualTo(0.2);
    assertThat(c.failMode()).isEqualTo(FailMode.STATIC);
    assertThat(c.drillHeadroom()).isEqualTo(0.2);
    assertThat(c.expectedLoad()).isEqualTo(150);
    assertThat(c.allowPrivateTargets()).isTrue();
    ServiceConfig stored = stores().endpoints.findService(ServiceName.of(s)).orElseThrow().value();
    assertThat(stored.ttl()).isEqualTo(Duration.ofSeconds(45));
    assertThat(stored.probe().timeout()).isEqualTo(Duration.ofMillis(1500));
    assertThat(stored.failoverPriority()).containsExactly(Region.of("us-east-1"));
  }

  @Test
  void registersEndpointsIdempotently() {
    String s = "register.example.com";
    api().send("PUT", path(s), "{}");
    String body = "{\"region\":\"us-east-1\",\"address\":\"203.0.113.5\",\"port\":8080}";
    Response first = api().send("POST", path(s) + "/endpoints", body);
    assertThat(first.status()).as(first.toString()).isEqualTo(201);
    EndpointResponse e = first.as(EndpointResponse.class);
    assertThat(e.id()).startsWith("us-east-1-");
    assertThat(e.port()).isEqualTo(8080);
    assertThat(e.protocol()).isEqualTo(dev.meridian.core.model.Protocol.HTTP);
    assertThat(e.healthPath()).isEqualTo("/health");
    assertThat(e.expectedStatus()).isEqualTo("200-399");
    assertThat(e.bodyContains()).isNull();
    assertThat(e.weight()).isEqualTo(100);
    assertThat(e.state()).isEqualTo(EndpointState.ACTIVE);
    assertThat(first.header("location")).isEqualTo(path(s) + "/endpoints/" + e.id());

    Response replay = api().send("POST", path(s) + "/endpoints", body);
    assertThat(replay.status()).isEqualTo(200);
    assertThat(replay.as(EndpointResponse.class)).isEqualTo(e);

    String tokenBody =
        "{\"region\":\"us-west-2\",\"address\":\"203.0.113.6\",\"clientToken\":\"req-42\"}";
    Response withToken = api().send("POST", path(s) + "/endpoints", tokenBody);
    assertThat(withToken.status()).isEqualTo(201);
    Response tokenReplay = api().send("POST", path(s) + "/endpoints", tokenBody);
    assertThat(tokenReplay.status()).isEqualTo(200);
    assertThat(tokenReplay.as(EndpointResponse.class).id())
        .isEqualTo(withToken.as(EndpointResponse.class).id());
    Response tokenConflict =
        api()
            .send(
                "POST",
                path(s) + "/endpoints",
                "{\"region\":\"us-west-2\",\"address\":\"203.0.113.7\",\"clientToken\":\"req-42\"}");
    assertThat(tokenConflict.status()).isEqualTo(409);
    assertThat(tokenConflict.as(Problem.class).type()).endsWith("/conflict");

    Response named =
        api()
            .send(
                "POST",
                path(s) + "/endpoints",
                "{\"id\":\"usw2-b\",\"region\":\"us-west-2\",\"address\":\"app.example.net\"}");
    assertThat(named.status()).isEqualTo(400); // A record service: host names do not fit

    EndpointList list = api().send("GET", path(s) + "/endpoints", null).as(EndpointList.class);
    assertThat(list.items()).hasSize(2);
    assertThat(list.items()).extracting(EndpointResponse::id).isSorted();
    Response one = api().send("GET", path(s) + "/endpoints/" + e.id(), null);
    assertThat(one.status()).isEqualTo(200);
    assertThat(one.header("etag")).isEqualTo("\"1\"");
    assertThat(audit(s))
        .filteredOn(a -> a.kind() == AuditEvent.Kind.ENDPOINT_CHANGED)
        .hasSize(2)
        .allSatisfy(a -> assertThat(a.actor()).isEqualTo(caller()));
  }

  @Test
  void patchesDrainsAndDeregistersAnEndpoint() {
    String s = "patch.example.com";
    api().send("PUT", path(s), "{}");
    api()
        .send(
            "POST",
            path(s) + "/endpoints",
            "{\"id\":\"use1-a\",\"region\":\"us-east-1\",\"address\":\"203.0.113.5\","
                + "\"hostHeader\":\"app.example.net\"}");
    String ep = path(s) + "/endpoints/use1-a";
    clock().advance(Duration.ofSeconds(1));
    Response patched =
        api()
            .send(
                "PATCH",
                ep,
                "{\"weight\":50,\"capacity\":200,\"bodyContains\":\"ok\",\"hostHeader\":\"\"}",
                Map.of("Content-Type", "application/json", "If-Match", "\"1\""),
                ApiTarget.Auth.VALID);
    assertThat(patched.status()).as(patched.toString()).isEqualTo(200);
    EndpointResponse p = patched.as(EndpointResponse.class);
    assertThat(p.weight()).isEqualTo(50);
    assertThat(p.capacity()).isEqualTo(200);
    assertThat(p.bodyContains()).isEqualTo("ok");
    assertThat(p.hostHeader()).isNull();
    assertThat(p.version()).isEqualTo(2);
    assertThat(patched.header("etag")).isEqualTo("\"2\"");
    AuditEvent change = audit(s).getFirst();
    assertThat(change.details()).containsEntry("weight", "100 -> 50");

    Response unchanged = api().send("PATCH", ep, "{}");
    assertThat(unchanged.as(EndpointResponse.class).version()).isEqualTo(2);

    // Drain (ADR 0012): 202 while the weight ramps to 0 over drainDuration (2 min by default).
    java.time.Instant started = clock().instant();
    Response draining = api().send("POST", ep + "/drain", null);
    assertThat(draining.status()).as(draining.toString()).isEqualTo(202);
    EndpointResponse d = draining.as(EndpointResponse.class);
    assertThat(d.state()).isEqualTo(EndpointState.ACTIVE);
    assertThat(d.weight()).isEqualTo(50);
    assertThat(d.version()).isEqualTo(3);
    assertThat(d.drain().startedAt()).isEqualTo(started.toString());
    assertThat(d.drain().endsAt()).isEqualTo(started.plusSeconds(120).toString());
    assertThat(d.drain().effectiveWeight()).isEqualTo(50.0);
    assertThat(d.drain().complete()).isFalse();
    assertThat(draining.json().get("drain").get("remaining").asDouble()).isEqualTo(1.0);

    clock().advance(Duration.ofSeconds(30));
    Response again = api().send("POST", ep + "/drain", null);
    assertThat(again.status()).isEqualTo(202);
    assertThat(again.as(EndpointResponse.class).version()).isEqualTo(3);
    assertThat(again.as(EndpointResponse.class).drain().effectiveWeight()).isEqualTo(37.5);
    Response read = api().send("GET", ep, null);
    assertThat(read.as(EndpointResponse.class).drain().remaining()).isEqualTo(0.75);
    Response status = api().send("GET", path(s) + "/status", null);
    assertThat(status.status()).as(status.toString()).isEqualTo(200);
    assertThat(status.json().toString()).contains("\"effectiveWeight\":37.5");

    // PATCH state ACTIVE cancels it; PATCH state DRAINING skips the ramp.
    Response cancelled = api().send("PATCH", ep, "{\"state\":\"ACTIVE\"}");
    assertThat(cancelled.status()).isEqualTo(200);
    assertThat(cancelled.as(EndpointResponse.class).drain()).isNull();
    assertThat(cancelled.as(EndpointResponse.class).version()).isEqualTo(4);
    assertThat(audit(s).getFirst().summary()).isEqualTo("endpoint use1-a drain cancelled");
    assertThat(api().send("POST", ep + "/drain", null).status()).isEqualTo(202);
    Response now = api().send("PATCH", ep, "{\"state\":\"DRAINING\"}");
    assertThat(now.as(EndpointResponse.class).state()).isEqualTo(EndpointState.DRAINING);
    assertThat(now.as(EndpointResponse.class).drain()).isNull();
    Response drained = api().send("POST", ep + "/drain", null);
    assertThat(drained.status()).isEqualTo(200);
    assertThat(drained.as(EndpointResponse.class).state()).isEqualTo(EndpointState.DRAINING);
    assertThat(drained.as(EndpointResponse.class).version())
        .isEqualTo(now.as(EndpointResponse.class).version());

    stores()
        .health
        .putAll(
            List.of(
                VantageHealth.initial(
                    ServiceName.of(s),
                    EndpointId.of("use1-a"),
                    Region.of("us-east-1"),
                    clock().instant())));
    assertThat(api().send("DELETE", ep, null).status()).isEqualTo(204);
    assertThat(api().send("GET", ep, null).status()).isEqualTo(404);
    assertThat(stores().health.list(ServiceName.of(s))).isEmpty();
  }

  @Test
  void deletesAServiceWithItsEndpointsOnlyWhenForced() {
    String s = "force.example.com";
    api().send("PUT", path(s), "{}");
    api()
        .send(
            "POST",
            path(s) + "/endpoints",
            "{\"region\":\"us-east-1\",\"address\":\"203.0.113.5\"}");
    assertThat(api().send("DELETE", path(s), null).status()).isEqualTo(409);
    assertThat(api().send("DELETE", path(s) + "?force=true", null).status()).isEqualTo(204);
    assertThat(stores().endpoints.listEndpoints(ServiceName.of(s))).isEmpty();
    assertThat(stores().endpoints.findService(ServiceName.of(s))).isEmpty();
  }

  @Test
  void pagesThroughTheAuditLog() {
    String s = "events.example.com";
    api().send("PUT", path(s), "{}");
    for (int i = 0; i < 4; i++) {
      clock().advance(Duration.ofSeconds(1));
      api().send("PUT", path(s), "{\"ttlSeconds\":" + (40 + i) + "}");
    }
    EventPage first = api().send("GET", path(s) + "/events?limit=2", null).as(EventPage.class);
    assertThat(first.items()).hasSize(2);
    assertThat(first.next()).isNotNull();
    assertThat(first.items().getFirst().kind()).isEqualTo(AuditEvent.Kind.CONFIG_CHANGED);
    assertThat(first.items().getFirst().actor()).isEqualTo(caller());
    EventPage second =
        api()
            .send(
                "GET",
                path(s)
                    + "/events?limit=2&cursor="
                    + java.net.URLEncoder.encode(
                        first.next(), java.nio.charset.StandardCharsets.UTF_8),
                null)
            .as(EventPage.class);
    assertThat(second.items()).hasSize(2);
    EventPage third =
        api()
            .send(
                "GET",
                path(s)
                    + "/events?limit=2&cursor="
                    + java.net.URLEncoder.encode(
                        second.next(), java.nio.charset.StandardCharsets.UTF_8),
                null)
            .as(EventPage.class);
    assertThat(third.items()).hasSize(1);
    assertThat(third.next()).isNull();
    assertThat(first.items().getFirst().at()).isGreaterThan(third.items().getFirst().at());
  }

  /** Two regions, both HEALTHY from two vantages; us-east-1 can carry everything. */
  private String healthyService(String s) {
    api().send("PUT", path(s), "{}");
    api()
        .send(
            "POST",
            path(s) + "/endpoints",
            "{\"id\":\"use1-a\",\"region\":\"us-east-1\",\"address\":\"203.0.113.5\","
                + "\"capacity\":300}");
    api()
        .send(
            "POST",
            path(s) + "/endpoints",
            "{\"id\":\"usw2-a\",\"region\":\"us-west-2\",\"address\":\"203.0.113.6\"}");
    var now = clock().instant();
    for (String id : List.of("use1-a", "usw2-a")) {
      for (String vantage : List.of("us-east-1", "us-west-2", "eu-west-1")) {
        stores()
            .health
            .putAll(
                List.of(
                    new VantageHealth(
                        ServiceName.of(s),
                        EndpointId.of(id),
                        Region.of(vantage),
                        HealthState.UP,
                        5,
                        0,
                        now,
                        Optional.of(now.minusSeconds(600)),
                        Optional.of(now.minusSeconds(600)),
                        0,
                        now,
                        false,
                        12.5,
                        Optional.empty())));
      }
    }
    return s;
  }

  @Test
  void showsStatusAndThePlanThatWouldBePublished() {
    String s = healthyService("status.example.com");
    Response st = api().send("GET", path(s) + "/status", null);
    assertThat(st.status()).as(st.toString()).isEqualTo(200);
    StatusResponse status = st.as(StatusResponse.class);
    assertThat(status.policy()).isEqualTo(RoutingPolicy.WEIGHTED);
    assertThat(status.regions())
        .extracting(r -> r.region())
        .containsExactly("us-east-1", "us-west-2");
    assertThat(status.regions()).allSatisfy(r -> assertThat(r.verdict()).isEqualTo("HEALTHY"));
    assertThat(status.regions().getFirst().endpoints().getFirst().votes()).hasSize(3);
    assertThat(status.regions().getFirst().endpoints().getFirst().latencyMillis()).isEqualTo(12.5);
    assertThat(status.lastPublished()).isNull();
    assertThat(status.activeDrills()).isEmpty();

    Response pl = api().send("GET", path(s) + "/plan", null);
    assertThat(pl.status()).isEqualTo(200);
    PlanPreviewResponse plan = pl.as(PlanPreviewResponse.class);
    assertThat(plan.plan().mode()).isEqualTo(PlanMode.NORMAL);
    assertThat(plan.plan().regions()).allSatisfy(r -> assertThat(r.weight()).isPositive());
    assertThat(plan.plan().explanation()).isNotEmpty();
    assertThat(plan.desired()).extracting(d -> d.routing()).contains("WEIGHTED");
    assertThat(plan.changes())
        .isNotEmpty()
        .allSatisfy(c -> assertThat(c.action()).isEqualTo(ChangeAction.UPSERT));
    assertThat(plan.lastPublished()).isNull();
    assertThat(stores().dns.calls("publish")).isZero();
  }

  @Test
  void runsADrillFromDryRunToAbort() {
    String s = healthyService("drill.example.com");
    String body = "{\"region\":\"us-west-2\",\"mode\":\"EVACUATE\",\"reason\":\"game day\"";
    Response dry = api().send("POST", path(s) + "/drills", body + ",\"dryRun\":true}");
    assertThat(dry.status()).as(dry.toString()).isEqualTo(200);
    DrillResult preview = dry.as(DrillResult.class);
    assertThat(preview.dryRun()).isTrue();
    assertThat(preview.drill().state()).isEqualTo(DrillState.ACTIVE);
    assertThat(preview.drill().version()).isZero();
    assertThat(preview.plan().regions())
        .filteredOn(r -> r.region().equals("us-west-2"))
        .singleElement()
        .satisfies(r -> assertThat(r.weight()).isZero());
    assertThat(preview.changes()).isNotEmpty();
    assertThat(stores().drills.list(ServiceName.of(s))).isEmpty();

    Response created = api().send("POST", path(s) + "/drills", body + "}");
    assertThat(created.status()).as(created.toString()).isEqualTo(201);
    DrillResult result = created.as(DrillResult.class);
    DrillResponse drill = result.drill();
    assertThat(drill.state()).isEqualTo(DrillState.ACTIVE);
    assertThat(drill.requester()).isEqualTo(caller());
    assertThat(drill.reason()).isEqualTo("game day");
    assertThat(drill.version()).isEqualTo(1);
    assertThat(created.header("location")).isEqualTo(path(s) + "/drills/" + drill.id());
    assertThat(
            Duration.between(
                java.time.Instant.parse(drill.startAt()),
                java.time.Instant.parse(drill.expiresAt())))
        .isEqualTo(Duration.ofMinutes(15));

    Response second = api().send("POST", path(s) + "/drills", body + "}");
    assertThat(second.status()).isEqualTo(409);
    assertThat(second.as(Problem.class).type()).endsWith("/drill-refused");
    assertThat(second.as(Problem.class).detail()).contains(drill.id());

    assertThat(api().send("GET", path(s) + "/drills", null).as(DrillList.class).items())
        .extracting(DrillResponse::id)
        .containsExactly(drill.id());
    assertThat(
            api()
                .send("GET", path(s) + "/drills/" + drill.id(), null)
                .as(DrillResponse.class)
                .state())
        .isEqualTo(DrillState.ACTIVE);
    assertThat(api().send("GET", path(s) + "/status", null).as(StatusResponse.class).activeDrills())
        .extracting(DrillResponse::id)
        .containsExactly(drill.id());

    Response aborted =
        api().send("POST", path(s) + "/drills/" + drill.id() + "/abort", "{\"reason\":\"pager\"}");
    assertThat(aborted.status()).as(aborted.toString()).isEqualTo(200);
    assertThat(aborted.as(DrillResponse.class).state()).isEqualTo(DrillState.ABORTED);
    assertThat(aborted.as(DrillResponse.class).stateReason())
        .isEqualTo("aborted by " + caller() + ": pager");
    Response again = api().send("POST", path(s) + "/drills/" + drill.id() + "/abort", null);
    assertThat(again.status()).as(again.toString()).isEqualTo(409);
    assertThat(audit(s))
        .filteredOn(a -> a.kind() == AuditEvent.Kind.DRILL)
        .extracting(AuditEvent::summary)
        .anySatisfy(x -> assertThat(x).contains("refused"))
        .anySatisfy(x -> assertThat(x).contains("created ACTIVE"))
        .anySatisfy(x -> assertThat(x).contains("ACTIVE -> ABORTED"));
  }

  @Test
  void auditsARefusedDrillWithoutStoringIt() {
    String s = "refused.example.com";
    api().send("PUT", path(s), "{}");
    clock().advance(Duration.ofSeconds(1));
    Response r =
        api().send("POST", path(s) + "/drills", "{\"region\":\"eu-west-1\",\"mode\":\"EVACUATE\"}");
    assertThat(r.status()).isEqualTo(409);
    Problem p = r.as(Problem.class);
    assertThat(p.type()).isEqualTo("https://meridian.dev/problems/drill-refused");
    assertThat(p.detail()).contains("eu-west-1 has no ACTIVE endpoint");
    assertThat(stores().drills.list(ServiceName.of(s))).isEmpty();
    assertThat(audit(s).getFirst().kind()).isEqualTo(AuditEvent.Kind.DRILL);
    assertThat(audit(s).getFirst().details()).containsEntry("state", "REFUSED");
    assertThat(audit(s).getFirst().actor()).isEqualTo(caller());
  }

  @Test
  void answers503WithRetryAfterWhenTheStoreIsDown() {
    String s = "down.example.com";
    api().send("PUT", path(s), "{}");
    Stores.Snapshot before = stores().snapshot();
    stores().endpoints.setUnavailable(true);
    try {
      Response r = api().send("PUT", path(s), "{\"ttlSeconds\":99}");
      assertThat(r.status()).isEqualTo(503);
      assertThat(r.header("retry-after")).isEqualTo("5");
      assertThat(r.header("content-type")).startsWith("application/problem+json");
      assertThat(r.as(Problem.class).type()).endsWith("/store-unavailable");
      assertThat(r.body()).doesNotContain("injected");
    } finally {
      stores().endpoints.setUnavailable(false);
    }
    Stores.Snapshot after = stores().snapshot();
    assertThat(after.state()).isEqualTo(before.state());
  }

  @Test
  void servesHealthAndTheOpenApiDocumentWithoutCredentials() {
    Response health = api().send("GET", "/health", null, Map.of(), ApiTarget.Auth.NONE);
    assertThat(health.status()).isEqualTo(200);
    JsonNode h = health.json();
    assertThat(h.get("status").asText()).isEqualTo("UP");
    for (String p : List.of("/openapi.yml", "/v1/openapi.yml")) {
      Response doc =
          api().send("GET", p, null, Map.of("Accept", "application/yaml"), ApiTarget.Auth.NONE);
      assertThat(doc.status()).as(p + " " + doc).isEqualTo(200);
      assertThat(doc.header("content-type")).startsWith("application/yaml");
      assertThat(doc.body())
          .contains("openapi: 3.")
          .contains("/v1/services/{service}:")
          .contains("/v1/services/{service}/endpoints:")
          .contains("/v1/services/{service}/endpoints/{id}/drain:")
          .contains("/v1/services/{service}/status:")
          .contains("/v1/services/{service}/plan:")
          .contains("/v1/services/{service}/events:")
          .contains("/v1/services/{service}/drills:")
          .contains("/v1/services/{service}/drills/{id}/abort:")
          .contains("ServiceConfigRequest")
          .contains("EndpointRequest")
          .contains("DrillRequest");
    }
  }
}
