package dev.meridian.core.port;

import dev.meridian.core.model.RoutingPlan;
import java.time.Instant;
import java.util.Optional;

/**
 * The plan the scheduler last published for a service, with the DNS change id and the fencing token
 * of the lease under which it was published.
 */
public record PublishedPlan(
    RoutingPlan plan, Optional<String> changeId, Instant publishedAt, long fencingToken) {
  public PublishedPlan {
    java.util.Objects.requireNonNull(plan, "plan");
    changeId = changeId == null ? Optional.empty() : changeId;
    java.util.Objects.requireNonNull(publishedAt, "publishedAt");
  }
}
