package dev.meridian.aws.dynamodb;

import dev.meridian.core.health.AggregatedHealth;
import dev.meridian.core.health.Verdict;
import dev.meridian.core.model.AuditEvent;
import dev.meridian.core.model.EndpointId;
import dev.meridian.core.model.Region;
import dev.meridian.core.model.ServiceName;
import dev.meridian.core.model.Versioned;
import dev.meridian.core.port.AggregatedHealthStore;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * {@link AggregatedHealthStore} on the control table ({@code SVC#<service>} / {@code AGGREGATE}):
 * {@code endpoints} M (endpoint id → verdict), {@code regions} M (region → verdict), {@code
 * healthySince} M (endpoint id → ISO-8601 instant, HEALTHY endpoints only, ADR 0013; absent in
 * items written before it, which read as none), {@code unrecorded} L of audit event maps, {@code
 * version} N. One conditional put per save.
 */
public final class DynamoDbAggregatedHealthStore implements AggregatedHealthStore {
  static final String AGGREGATE = "AGGREGATE";

  private final DynamoDbClient client;
  private final String table;
  private final Duration auditRetention;

  public DynamoDbAggregatedHealthStore(
      DynamoDbClient client, TableNames tables, StoreSettings settings) {
    this.client = Objects.requireNonNull(client, "client");
    this.table = tables.control();
    this.auditRetention = settings.auditRetention();
  }

  @Override
  public Optional<Versioned<State>> find(ServiceName service) {
    return VersionedWrites.get(client, table, key(service), what(service))
        .map(DynamoDbAggregatedHealthStore::from);
  }

  @Override
  public Versioned<State> save(State state, long expectedVersion) {
    ServiceName service = state.verdicts().service();
    long v =
        VersionedWrites.put(
            client, table, next -> toItem(state, next), expectedVersion, what(service));
    return new Versioned<>(state, v);
  }

  private Map<String, AttributeValue> toItem(State state, long version) {
    AggregatedHealth h = state.verdicts();
    Map<String, AttributeValue> endpoints = new TreeMap<>();
    h.endpoints().forEach((id, v) -> endpoints.put(id.value(), AttributeValue.fromS(v.name())));
    Map<String, AttributeValue> regions = new TreeMap<>();
    h.regions().forEach((r, v) -> regions.put(r.code(), AttributeValue.fromS(v.name())));
    Map<String, AttributeValue> since = new TreeMap<>();
    h.healthySince().forEach((id, t) -> since.put(id.value(), AttributeValue.fromS(t.toString())));
    List<AttributeValue> unrecorded = new ArrayList<>();
    for (AuditEvent e : state.unrecorded()) {
      unrecorded.add(AttributeValue.fromM(ControlItems.toItem(e, auditRetention)));
    }
    // Empty collections are left out (readers default them).
    Attr.Item item =
        Attr.item()
            .key(Keys.service(h.service()), AGGREGATE)
            .n(Attr.VERSION, version)
            .s("service", h.service().value());
    if (!endpoints.isEmpty()) {
      item.map("endpoints", endpoints);
    }
    if (!regions.isEmpty()) {
      item.map("regions", regions);
    }
    if (!since.isEmpty()) {
      item.map("healthySince", since);
    }
    if (!unrecorded.isEmpty()) {
      item.list("unrecorded", unrecorded);
    }
    return item.build();
  }

  private static Versioned<State> from(Map<String, AttributeValue> m) {
    Map<EndpointId, Verdict> endpoints = new TreeMap<>();
    optMap(m, "endpoints")
        .forEach((k, v) -> endpoints.put(EndpointId.of(k), Verdict.valueOf(v.s())));
    Map<Region, Verdict> regions = new TreeMap<>();
    optMap(m, "regions").forEach((k, v) -> regions.put(Region.of(k), Verdict.valueOf(v.s())));
    Map<EndpointId, Instant> since = new TreeMap<>();
    optMap(m, "healthySince")
        .forEach(
            (k, v) -> {
              EndpointId id = EndpointId.of(k);
              // Only this adapter writes the item, always consistently; an entry of an endpoint
              // not HEALTHY would be rejected by AggregatedHealth and is dropped instead, so that
              // a hand-edited item cannot stop the aggregator (the quorum's value is used then).
              if (endpoints.get(id) == Verdict.HEALTHY) {
                since.put(id, Instant.parse(v.s()));
              }
            });
    List<AuditEvent> unrecorded =
        Attr.list(m, "unrecorded").stream().map(a -> ControlItems.auditFrom(a.m())).toList();
    AggregatedHealth h =
        new AggregatedHealth(ServiceName.of(Attr.s(m, "service")), endpoints, regions, since);
    return new Versioned<>(new State(h, unrecorded), Attr.version(m));
  }

  private static Map<String, AttributeValue> optMap(Map<String, AttributeValue> m, String name) {
    AttributeValue v = m.get(name);
    return v == null || !v.hasM() ? Map.of() : v.m();
  }

  private static Map<String, AttributeValue> key(ServiceName service) {
    return Attr.key(Keys.service(service), AGGREGATE);
  }

  private static String what(ServiceName service) {
    return "aggregated health of " + service;
  }
}
