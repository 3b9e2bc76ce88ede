package dev.meridian.app.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.meridian.core.model.Address;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TargetPolicyTest {
  @ParameterizedTest(name = "{0} is {1}")
  @CsvSource({
    "203.0.113.10, PUBLIC",
    "8.8.8.8, PUBLIC",
    "2001:db8::1, PUBLIC",
    "app.example.net, PUBLIC",
    "169.254.169.254, FORBIDDEN",
    "169.254.0.1, FORBIDDEN",
    "0.0.0.0, FORBIDDEN",
    "0.1.2.3, FORBIDDEN",
    "224.0.0.251, FORBIDDEN",
    "239.255.255.250, FORBIDDEN",
    "255.255.255.255, FORBIDDEN",
    "fe80::1, FORBIDDEN",
    "febf::1, FORBIDDEN",
    "fd00:ec2::254, FORBIDDEN",
    "fd00:ec2::253, FORBIDDEN",
    "::ffff:169.254.169.254, FORBIDDEN",
    "::169.254.169.254, FORBIDDEN",
    "ff02::1, FORBIDDEN",
    "::, FORBIDDEN",
    "metadata.google.internal, FORBIDDEN",
    "instance-data, FORBIDDEN",
    "127.0.0.1, PRIVATE",
    "127.255.255.254, PRIVATE",
    "10.0.0.1, PRIVATE",
    "172.16.0.1, PRIVATE",
    "172.31.255.255, PRIVATE",
    "192.168.1.1, PRIVATE",
    "100.64.0.1, PRIVATE",
    "100.127.255.255, PRIVATE",
    "::1, PRIVATE",
    "fc00::1, PRIVATE",
    "fd12:3456::1, PRIVATE",
    "::ffff:10.0.0.1, PRIVATE",
    "localhost, PRIVATE",
    "svc.localhost, PRIVATE",
    "172.32.0.1, PUBLIC",
    "172.15.0.1, PUBLIC",
    "100.128.0.1, PUBLIC",
    "169.253.0.1, PUBLIC",
    "fec0::1, PUBLIC",
  })
  void classifiesLiteralTargets_withoutResolvingNames(String address, TargetPolicy.Verdict v) {
    assertThat(TargetPolicy.classify(Address.parse(address))).isEqualTo(v);
  }

  @ParameterizedTest
  @CsvSource({"169.254.169.254", "fe80::1", "fd00:ec2::254"})
  void refusesMetadataAndLinkLocal_evenWhenPrivateTargetsAreAllowed(String address) {
    assertThatThrownBy(() -> TargetPolicy.check(Address.parse(address), true))
        .isInstanceOf(ForbiddenTargetException.class)
        .hasMessageContaining("can never be probed");
  }

  @ParameterizedTest
  @CsvSource({"127.0.0.11", "10.1.2.3", "::1"})
  void allowsPrivateTargets_onlyWhenTheServiceSaysSo(String address) {
    assertThatThrownBy(() -> TargetPolicy.check(Address.parse(address), false))
        .isInstanceOf(ForbiddenTargetException.class)
        .hasMessageContaining("allowPrivateTargets");
    assertThatCode(() -> TargetPolicy.check(Address.parse(address), true))
        .doesNotThrowAnyException();
  }
}
