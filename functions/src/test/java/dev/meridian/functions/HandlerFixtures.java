package dev.meridian.functions;

import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import dev.meridian.aws.dynamodb.DynamoDbStores;
import dev.meridian.aws.dynamodb.TableBootstrap;
import dev.meridian.aws.dynamodb.TableNames;
import dev.meridian.core.model.Endpoint;
import dev.meridian.core.model.EndpointId;
import dev.meridian.core.model.FlapDamping;
import dev.meridian.core.model.HealthState;
import dev.meridian.core.model.Region;
import dev.meridian.core.model.ServiceConfig;
import dev.meridian.core.model.ServiceName;
import dev.meridian.core.model.VantageHealth;
import dev.meridian.core.model.Versioned;
import dev.meridian.testing.DynaliteTables;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** Shared set-up of the handler tests: real event JSON, stores on dynalite, a seeded service. */
public final class HandlerFixtures {
  public static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");
  public static final ServiceName SERVICE = ServiceName.of("api.example.com");
  public static final List<Region> REGIONS =
      List.of(Region.of("ap-southeast-2"), Region.of("eu-west-1"), Region.of("us-east-1"));

  private HandlerFixtures() {}

  /** Parses an event fixture the way the Lambda Java runtime does. */
  public static <T> T event(String name, Class<T> type) {
    try (InputStream in = resource(name)) {
      return LambdaEventSerializers.serializerFor(type, HandlerFixtures.class.getClassLoader())
          .fromJson(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A JSON object fixture as the map the scheduler handler receives. */
  @SuppressWarnings("unchecked")
  public static Map<String, Object> json(String name) {
    try (InputStream in = resource(name)) {
      return new com.fasterxml.jackson.databind.ObjectMapper()
          .readValue(new String(in.readAllBytes(), StandardCharsets.UTF_8), HashMap.class);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static InputStream resource(String name) {
    InputStream in = HandlerFixtures.class.getResourceAsStream("/events/" + name);
    if (in == null) {
      throw new IllegalStateException("missing test resource events/" + name);
    }
    return in;
  }

  /** Fresh tables with a unique prefix on the shared dynalite. */
  public static DynamoDbStores stores(DynamoDbClient dynamo) {
    return stores(dynamo, TableNames.withPrefix(DynaliteTables.uniquePrefix()));
  }

  public static DynamoDbStores stores(DynamoDbClient dynamo, TableNames tables) {
    TableBootstrap.createIfMissing(dynamo, tables);
    return DynamoDbStores.create(dynamo, tables);
  }

  public static EndpointId endpointIn(Region r) {
    return EndpointId.of("ep-" + r.code());
  }

  /**
   * Registers the service (quorum 2, no damping or ramps) with one endpoint per region and stores
   * every vantage's record UP, probed at {@code T0}.
   */
  public static void seedHealthyService(DynamoDbStores stores) {
    stores
        .endpoints()
        .saveService(
            ServiceConfig.builder(SERVICE)
                .quorum(2)
                .damping(FlapDamping.DISABLED)
                .holdDown(Duration.ZERO)
                .rampDuration(Duration.ZERO)
                .maxStepIncrease(1.0)
                .build(),
            Versioned.NEW);
    List<VantageHealth> votes = new ArrayList<>();
    int i = 1;
    for (Region r : REGIONS) {
      stores
          .endpoints()
          .saveEndpoint(
              Endpoint.builder(SERVICE, endpointIn(r), r, "198.51.100." + i++).build(),
              Versioned.NEW);
      for (Region v : REGIONS) {
        votes.add(vote(endpointIn(r), v, HealthState.UP, T0));
      }
    }
    stores.health().putAll(votes);
  }

  /**
   * Stores the aggregator's state as if it had announced the seeded service's endpoints and regions
   * HEALTHY (what it would have done when they first came up).
   */
  public static void seedAnnouncedHealthy(DynamoDbClient dynamo, TableNames tables) {
    Map<EndpointId, dev.meridian.core.health.Verdict> eps = new java.util.TreeMap<>();
    Map<Region, dev.meridian.core.health.Verdict> regions = new java.util.TreeMap<>();
    for (Region r : REGIONS) {
      eps.put(endpointIn(r), dev.meridian.core.health.Verdict.HEALTHY);
      regions.put(r, dev.meridian.core.health.Verdict.HEALTHY);
    }
    new dev.meridian.aws.dynamodb.DynamoDbAggregatedHealthStore(
            dynamo, tables, dev.meridian.aws.dynamodb.StoreSettings.DEFAULT)
        .save(
            new dev.meridian.core.port.AggregatedHealthStore.State(
                new dev.meridian.core.health.AggregatedHealth(SERVICE, eps, regions), List.of()),
            Versioned.NEW);
  }

  public static VantageHealth vote(EndpointId ep, Region vantage, HealthState s, Instant at) {
    Instant longAgo = Instant.parse("2026-12-01T09:00:00Z");
    return new VantageHealth(
        SERVICE,
        ep,
        vantage,
        s,
        s == HealthState.UP ? 5 : 0,
        s == HealthState.DOWN ? 3 : 0,
        at,
        Optional.of(s == HealthState.UP ? longAgo : at),
        s == HealthState.UP ? Optional.of(longAgo) : Optional.empty(),
        0,
        at,
        false,
        12.5,
        s == HealthState.DOWN ? Optional.of("connect timed out after 2000 ms") : Optional.empty());
  }
}
