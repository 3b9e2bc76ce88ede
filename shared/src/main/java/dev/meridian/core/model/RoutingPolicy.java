package dev.meridian.core.model;

/** How a service's traffic is split between regions (one per service, as in Route 53). */
public enum RoutingPolicy {
  /** One weighted record set per region; weight ∝ base weight × healthy capacity. */
  WEIGHTED,
  /** Primary/secondary by the service's ordered region priorities. */
  FAILOVER,
  /** Route 53 latency records per region, gated by health. */
  LATENCY,
  /** Up to eight healthy endpoint records, one per endpoint. */
  MULTIVALUE
}
