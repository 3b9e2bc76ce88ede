package dev.meridian.app.scheduler;

import dev.meridian.core.model.ServiceName;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Local mode's trigger: hands the services to a callback (typically one that enqueues them for the
 * in-process scheduler loop). The callback must not block.
 */
public final class InProcessSchedulerTrigger implements SchedulerTrigger {
  private final Consumer<Set<ServiceName>> sink;

  public InProcessSchedulerTrigger(Consumer<Set<ServiceName>> sink) {
    this.sink = Objects.requireNonNull(sink, "sink");
  }

  @Override
  public void trigger(Set<ServiceName> services) {
    if (!services.isEmpty()) {
      sink.accept(Set.copyOf(services));
    }
  }
}
