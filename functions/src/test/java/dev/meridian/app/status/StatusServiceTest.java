package dev.meridian.app.status;

import static dev.meridian.app.ControlFixture.APSE2;
import static dev.meridian.app.ControlFixture.EUW1;
import static dev.meridian.app.ControlFixture.SERVICE;
import static dev.meridian.app.ControlFixture.USE1;
import static dev.meridian.app.ControlFixture.endpointIn;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.meridian.app.ControlFixture;
import dev.meridian.core.model.DrillMode;
import dev.meridian.core.model.HealthState;
import dev.meridian.core.model.PlanMode;
import dev.meridian.core.model.RoutingPolicy;
import dev.meridian.core.model.ServiceName;
import dev.meridian.core.model.Versioned;
import dev.meridian.core.port.NotFoundException;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class StatusServiceTest {
  private final ControlFixture f = new ControlFixture().registerHealthyService();
  private final StatusService status = f.status();

  private static RegionStatus region(ServiceStatus s, String code) {
    return s.regions().stream()
        .filter(r -> r.region().code().equals(code))
        .findFirst()
        .orElseThrow();
  }

  @Test
  void healthyService_showsEveryRegionHealthyWithItsShareAndVotes() {
    f.scheduler("us-east-1/a").runOnce(SERVICE);
    f.clock.advance(Duration.ofSeconds(20));

    ServiceStatus s = status.status(SERVICE);

    assertThat(s.policy()).isEqualTo(RoutingPolicy.WEIGHTED);
    assertThat(s.mode()).isEqualTo(PlanMode.NORMAL);
    assertThat(s.regions())
        .extracting(r -> r.region().code())
        .containsExactly("ap-southeast-2", "eu-west-1", "us-east-1");
    RegionStatus use1 = region(s, "us-east-1");
    assertThat(use1.verdict()).isEqualTo("HEALTHY");
    assertThat(use1.healthyFraction()).isEqualTo(1.0);
    assertThat(use1.weight()).isPositive();
    assertThat(s.regions().stream().mapToDouble(RegionStatus::share).sum())
        .isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-6));
    EndpointStatus ep = use1.endpoints().get(0);
    assertThat(ep.id()).isEqualTo(endpointIn(USE1));
    assertThat(ep.address()).isEqualTo("192.0.2.3");
    assertThat(ep.verdict()).isEqualTo("HEALTHY");
    assertThat(ep.latencyMillis()).isEqualTo(12.5);
    assertThat(ep.votes())
        .extracting(v -> v.vantage().code())
        .containsExactly("ap-southeast-2", "eu-west-1", "us-east-1");
    assertThat(ep.votes()).allSatisfy(v -> assertThat(v.stale()).isFalse());
    assertThat(s.lastPublished()).isPresent();
    assertThat(s.lastChangeAge()).contains(Duration.ofSeconds(20));
    assertThat(s.at()).isEqualTo(f.clock.instant());
  }

  @Test
  void failedRegion_showsUnhealthyVerdictAndTheFailingVotes() {
    f.setRegion(EUW1, HealthState.DOWN);

    ServiceStatus s = status.status(SERVICE);

    RegionStatus euw1 = region(s, "eu-west-1");
    assertThat(euw1.verdict()).isEqualTo("UNHEALTHY");
    assertThat(euw1.healthyFraction()).isZero();
    assertThat(euw1.endpoints().get(0).votes())
        .allSatisfy(
            v -> {
              assertThat(v.state()).isEqualTo(HealthState.DOWN);
              assertThat(v.lastFailure()).contains("status 503");
            });
    // Before the first publication the status shows the plan the scheduler is about to publish.
    assertThat(s.lastPublished()).isEmpty();
    assertThat(s.lastChangeAge()).isEmpty();
    assertThat(euw1.weight()).isZero();
  }

  @Test
  void staleVantage_isMarkedStaleAndNotCountedInLatency() {
    f.clock.advance(Duration.ofMinutes(5)); // every record is now older than the 150 s staleness
    f.health.putAll(List.of(f.vote(SERVICE, endpointIn(APSE2), USE1, HealthState.UP)));

    ServiceStatus s = status.status(SERVICE);

    EndpointStatus ep = region(s, "ap-southeast-2").endpoints().get(0);
    assertThat(ep.votes()).filteredOn(VantageVote::stale).hasSize(2);
    assertThat(ep.verdict()).isEqualTo("UNKNOWN");
    assertThat(ep.latencyMillis()).isEqualTo(12.5);
  }

  @Test
  void listsDrillsInProgress() {
    f.drills.save(
        f.drill("d1", USE1, DrillMode.shift(20), f.clock.instant(), Duration.ofMinutes(5)),
        Versioned.NEW);

    assertThat(status.status(SERVICE).activeDrills())
        .extracting(d -> d.id().value())
        .containsExactly("d1");
  }

  @Test
  void unknownService_isNotFound() {
    assertThatThrownBy(() -> status.status(ServiceName.of("nope.example.com")))
        .isInstanceOf(NotFoundException.class);
  }

  @Test
  void medianOfLatencies() {
    assertThat(StatusService.median(new double[] {})).isZero();
    assertThat(StatusService.median(new double[] {1, 5, 9})).isEqualTo(5);
    assertThat(StatusService.median(new double[] {1, 3, 5, 9})).isEqualTo(4);
  }
}
