package dev.meridian.app.planning;

import static dev.meridian.app.ControlFixture.SERVICE;
import static dev.meridian.app.ControlFixture.USE1;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.meridian.app.ControlFixture;
import dev.meridian.core.model.DrillMode;
import dev.meridian.core.model.HealthState;
import dev.meridian.core.model.RegionRoute;
import dev.meridian.core.model.ServiceName;
import dev.meridian.core.port.NotFoundException;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class PlanningServiceTest {
  private final ControlFixture f = new ControlFixture().registerHealthyService();
  private final PlanningService planning = f.planning();

  private static int weight(PlanPreview p, String region) {
    return p.plan().regions().stream()
        .filter(r -> r.region().code().equals(region))
        .mapToInt(RegionRoute::weight)
        .findFirst()
        .orElseThrow();
  }

  @Test
  void beforeAnyPublication_previewShowsEveryRecordAsAChange_andWritesNothing() {
    PlanPreview p = planning.preview(SERVICE, List.of());

    assertThat(p.lastPublished()).isEmpty();
    assertThat(p.desired()).isNotEmpty();
    assertThat(p.changes()).hasSameSizeAs(p.desired());
    assertThat(f.dns.publishCalls()).isEmpty();
    assertThat(f.plans.find(SERVICE)).isEmpty();
    assertThat(f.audit.all(SERVICE)).isEmpty();
  }

  @Test
  void afterPublication_previewOfTheSameInputsHasNoChanges() {
    f.scheduler("us-east-1/a").runOnce(SERVICE);

    PlanPreview p = planning.preview(SERVICE, List.of());

    assertThat(p.changes()).isEmpty();
    assertThat(p.lastPublished()).isPresent();
  }

  @Test
  void previewShowsWhatAFailureWouldChange() {
    f.scheduler("us-east-1/a").runOnce(SERVICE);
    f.clock.advance(Duration.ofSeconds(10));
    f.setRegion(USE1, HealthState.DOWN);

    PlanPreview p = planning.preview(SERVICE, List.of());

    assertThat(weight(p, "us-east-1")).isZero();
    assertThat(p.changes()).isNotEmpty();
    assertThat(f.dns.changeBatches()).isEqualTo(1); // nothing published by the preview
  }

  @Test
  void drillDryRun_overlaysTheDrillAsActive_withoutStoringIt() {
    f.scheduler("us-east-1/a").runOnce(SERVICE);
    var drill =
        f.drill("dry", USE1, DrillMode.evacuate(), f.clock.instant(), Duration.ofMinutes(5));

    PlanPreview p = planning.preview(SERVICE, List.of(drill));

    assertThat(weight(p, "us-east-1")).isZero();
    assertThat(p.changes()).isNotEmpty();
    assertThat(f.drills.list(SERVICE)).isEmpty();
  }

  @Test
  void unknownService_isNotFound() {
    assertThatThrownBy(() -> planning.preview(ServiceName.of("nope.example.com"), List.of()))
        .isInstanceOf(NotFoundException.class)
        .hasMessageContaining("nope.example.com");
  }
}
