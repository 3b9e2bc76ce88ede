package dev.meridian.functions.scheduler;

import dev.meridian.core.model.InvalidValueException;
import dev.meridian.core.model.ServiceName;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * What the scheduler function was asked to do: reconcile every service (the EventBridge schedule,
 * sending either its own "Scheduled Event" envelope or the constant {@code {"reconcile": true}}),
 * or run for some services ({@code {"services": [...]}}, the aggregator's trigger).
 */
record SchedulerRequest(boolean reconcile, Set<ServiceName> services) {

  static SchedulerRequest parse(Map<String, Object> input) {
    if (input == null) {
      throw new IllegalArgumentException("empty scheduler request");
    }
    Object services = input.get("services");
    if (services != null) {
      if (!(services instanceof Collection<?> list)) {
        throw new IllegalArgumentException("'services' must be a list of service names");
      }
      Set<ServiceName> names = new TreeSet<>();
      for (Object o : list) {
        try {
          names.add(ServiceName.of(String.valueOf(o)));
        } catch (InvalidValueException e) {
          throw new IllegalArgumentException("invalid service in 'services': " + e.getMessage(), e);
        }
      }
      return new SchedulerRequest(false, names);
    }
    if (Boolean.TRUE.equals(input.get("reconcile"))
        || "Scheduled Event".equals(input.get("detail-type"))
        || "aws.scheduler".equals(input.get("source"))) {
      return new SchedulerRequest(true, Set.of());
    }
    throw new IllegalArgumentException(
        "scheduler request must be {\"reconcile\": true}, {\"services\": [...]} or a scheduled"
            + " event; got keys "
            + List.copyOf(new TreeSet<>(input.keySet())));
  }
}
