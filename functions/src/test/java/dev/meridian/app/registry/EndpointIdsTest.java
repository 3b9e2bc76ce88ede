package dev.meridian.app.registry;

import static org.assertj.core.api.Assertions.assertThat;

import dev.meridian.core.model.Address;
import dev.meridian.core.model.Region;
import org.junit.jupiter.api.Test;

class EndpointIdsTest {
  final Region use1 = Region.of("us-east-1");

  @Test
  void derivesTheSameIdFromTheSameNaturalKey() {
    var a = EndpointIds.fromNaturalKey(use1, Address.parse("203.0.113.5"), 80);
    var b = EndpointIds.fromNaturalKey(use1, Address.parse("203.0.113.5"), 80);
    assertThat(a).isEqualTo(b);
    assertThat(a.value()).matches("us-east-1-[0-9a-f]{10}");
  }

  @Test
  void derivesDifferentIdsForDifferentKeysAndTokens() {
    var a = EndpointIds.fromNaturalKey(use1, Address.parse("203.0.113.5"), 80);
    assertThat(EndpointIds.fromNaturalKey(use1, Address.parse("203.0.113.5"), 81)).isNotEqualTo(a);
    assertThat(EndpointIds.fromNaturalKey(Region.of("us-west-2"), Address.parse("203.0.113.5"), 80))
        .isNotEqualTo(a);
    assertThat(EndpointIds.fromClientToken(use1, "t-1"))
        .isEqualTo(EndpointIds.fromClientToken(use1, "t-1"))
        .isNotEqualTo(EndpointIds.fromClientToken(use1, "t-2"));
  }
}
