package dev.meridian.infra;

import java.util.List;

/**
 * The names of Meridian's three global tables: {@code <prefix>endpoints} (service configs and
 * endpoints), {@code <prefix>health} (one item per endpoint and vantage, streamed to the
 * aggregator) and {@code <prefix>control} (plans, leases, drills, audit events). Every table has
 * the partition key {@value #PARTITION_KEY}, the sort key {@value #SORT_KEY}, no secondary index
 * and the TTL attribute {@value #TTL_ATTRIBUTE}.
 */
public record TableNames(String endpoints, String health, String control) {
  public static final String PARTITION_KEY = "pk";
  public static final String SORT_KEY = "sk";
  public static final String TTL_ATTRIBUTE = "expiresAt";

  public static TableNames withPrefix(String prefix) {
    return new TableNames(prefix + "endpoints", prefix + "health", prefix + "control");
  }

  public List<String> all() {
    return List.of(endpoints, health, control);
  }
}
