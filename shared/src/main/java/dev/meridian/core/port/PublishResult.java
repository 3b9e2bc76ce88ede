package dev.meridian.core.port;

import dev.meridian.core.model.PlanChange;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * What a publication did: the changes sent (empty when DNS already matched), the DNS change id of
 * the last batch, how many API calls it took and, when waited for, the time to INSYNC.
 */
public record PublishResult(
    List<PlanChange> changes,
    Optional<String> changeId,
    int apiCalls,
    Optional<Duration> timeToInSync) {
  public PublishResult {
    changes = List.copyOf(changes);
    changeId = changeId == null ? Optional.empty() : changeId;
    timeToInSync = timeToInSync == null ? Optional.empty() : timeToInSync;
  }

  public static PublishResult unchanged(int apiCalls) {
    return new PublishResult(List.of(), Optional.empty(), apiCalls, Optional.empty());
  }
}
