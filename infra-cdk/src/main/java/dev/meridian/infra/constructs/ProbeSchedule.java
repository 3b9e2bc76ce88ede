package dev.meridian.infra.constructs;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.services.lambda.IFunction;
import software.amazon.awscdk.services.scheduler.Schedule;
import software.amazon.awscdk.services.scheduler.ScheduleExpression;
import software.amazon.awscdk.services.scheduler.ScheduleTargetInput;
import software.amazon.awscdk.services.scheduler.targets.LambdaInvoke;
import software.constructs.Construct;

/**
 * One EventBridge Scheduler schedule per probe shard, each invoking the probe once a minute with
 * {@code {"shard": i, "shards": n}}. The probe loops at the probe interval inside the invocation;
 * shards split the endpoints so that no single invocation has to probe all of them.
 */
public final class ProbeSchedule extends Construct {
  /** The largest shard count: one schedule each, and each invocation is a concurrent probe. */
  public static final int MAX_SHARDS = 50;

  public record Props(IFunction target, int shards) {
    public Props {
      Objects.requireNonNull(target, "target");
    }
  }

  private final List<Schedule> schedules = new ArrayList<>();

  public ProbeSchedule(Construct scope, String id, Props props) {
    super(scope, id);
    int shards = props.shards();
    getNode()
        .addValidation(
            () ->
                shards >= 1 && shards <= MAX_SHARDS
                    ? List.of()
                    : List.of(
                        "probe shards must be between 1 and " + MAX_SHARDS + ", got " + shards));
    for (int shard = 0; shard < Math.max(shards, 0); shard++) {
      schedules.add(
          Schedule.Builder.create(this, "Shard" + shard)
              .description("Meridian probe shard " + shard + " of " + shards)
              .schedule(ScheduleExpression.rate(Duration.minutes(1)))
              .target(
                  LambdaInvoke.Builder.create(props.target())
                      .input(
                          ScheduleTargetInput.fromObject(Map.of("shard", shard, "shards", shards)))
                      // A missed minute is covered by the next one; a late probe run is worthless.
                      .retryAttempts(0)
                      .maxEventAge(Duration.minutes(1))
                      .build())
              .build());
    }
  }

  public List<Schedule> schedules() {
    return List.copyOf(schedules);
  }
}
