package dev.meridian.aws.dynamodb;

import dev.meridian.core.model.Drill;
import dev.meridian.core.model.DrillId;
import dev.meridian.core.model.ServiceName;
import dev.meridian.core.model.Versioned;
import dev.meridian.core.port.DrillStore;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * {@link DrillStore} on the control table ({@code SVC#<service>} / {@code DRILL#<id>}), optimistic
 * on {@code version}. A drill has no TTL while it can still act; once terminal it expires with the
 * audit retention.
 */
public final class DynamoDbDrillStore implements DrillStore {
  /** Newest first: createdAt descending (milliseconds), then id descending. */
  static final Comparator<Drill> NEWEST_FIRST =
      Comparator.<Drill>comparingLong(d -> d.createdAt().toEpochMilli())
          .thenComparing(d -> d.id().value())
          .reversed();

  private final DynamoDbClient client;
  private final String table;
  private final StoreSettings settings;

  public DynamoDbDrillStore(DynamoDbClient client, TableNames tables, StoreSettings settings) {
    this.client = Objects.requireNonNull(client, "client");
    this.table = tables.control();
    this.settings = Objects.requireNonNull(settings, "settings");
  }

  @Override
  public Optional<Versioned<Drill>> find(ServiceName service, DrillId id) {
    return VersionedWrites.get(
            client,
            table,
            Attr.key(Keys.service(service), Keys.drill(id)),
            "drill " + service + "/" + id)
        .map(ControlItems::drillFrom);
  }

  @Override
  public List<Versioned<Drill>> list(ServiceName service) {
    List<Versioned<Drill>> out = new ArrayList<>();
    VersionedWrites.queryPrefix(
            client,
            table,
            Keys.service(service),
            Keys.DRILL_PREFIX,
            false,
            "list drills of " + service)
        .forEach(i -> out.add(ControlItems.drillFrom(i)));
    out.sort(Comparator.comparing(Versioned::value, NEWEST_FIRST));
    return out;
  }

  @Override
  public Versioned<Drill> save(Drill drill, long expectedVersion) {
    long v =
        VersionedWrites.put(
            client,
            table,
            next -> ControlItems.toItem(drill, next, settings.auditRetention()),
            expectedVersion,
            "drill " + drill.service() + "/" + drill.id());
    return new Versioned<>(drill, v);
  }
}
