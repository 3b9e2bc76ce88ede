package dev.meridian.probe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.meridian.core.model.Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SsrfGuardTest {

  @ParameterizedTest(name = "{0} is always refused")
  @CsvSource({
    "169.254.169.254, instance-metadata (IPv4)",
    "169.254.170.2, ECS task metadata",
    "169.254.0.1, link-local",
    "0.0.0.0, unspecified",
    "0.1.2.3, this network",
    "224.0.0.1, multicast",
    "239.255.255.250, multicast SSDP",
    "240.0.0.1, reserved",
    "255.255.255.255, broadcast",
    "fd00:ec2::254, instance-metadata (IPv6)",
    "fe80::1, IPv6 link-local",
    "febf::1, IPv6 link-local upper edge",
    "::, IPv6 unspecified",
    "ff02::1, IPv6 multicast",
    "::ffff:169.254.169.254, IPv4-mapped metadata",
    "64:ff9b::a9fe:a9fe, NAT64 metadata",
    "2002:a9fe:a9fe::1, 6to4 metadata",
    "::169.254.169.254, IPv4-compatible metadata",
  })
  void refusesAlways_evenWhenPrivateTargetsAllowed(String ip, String what) throws Exception {
    InetAddress a = InetAddress.getByName(ip);
    assertThat(SsrfGuard.denial(a, true)).as(what).isPresent();
    assertThat(SsrfGuard.denial(a, false)).as(what).isPresent();
  }

  @ParameterizedTest(name = "{0} needs allowPrivateTargets")
  @CsvSource({
    "127.0.0.1, loopback",
    "127.10.20.30, loopback /8",
    "10.0.0.1, RFC1918 10/8",
    "172.16.0.1, RFC1918 172.16/12 low",
    "172.31.255.254, RFC1918 172.16/12 high",
    "192.168.1.1, RFC1918 192.168/16",
    "100.64.0.1, CGNAT low",
    "100.127.255.254, CGNAT high",
    "::1, IPv6 loopback",
    "fd12:3456::1, IPv6 unique-local fd",
    "fc00::1, IPv6 unique-local fc",
    "fd00:ec2::253, unique-local next to the metadata address",
    "fec0::1, IPv6 site-local (deprecated)",
    "::ffff:10.1.2.3, IPv4-mapped private",
    "::ffff:127.0.0.1, IPv4-mapped loopback",
  })
  void refusesPrivate_unlessAllowed(String ip, String what) throws Exception {
    InetAddress a = InetAddress.getByName(ip);
    assertThat(SsrfGuard.denial(a, false)).as(what).isPresent();
    assertThat(SsrfGuard.denial(a, true)).as(what).isEmpty();
  }

  @ParameterizedTest(name = "{0} is public")
  @CsvSource({
    "1.1.1.1",
    "8.8.8.8",
    "172.15.255.255",
    "172.32.0.1",
    "100.63.255.255",
    "100.128.0.1",
    "169.253.255.255",
    "169.255.0.1",
    "192.169.0.1",
    "223.255.255.254",
    "2600:1f18::1",
    "2a05:d018::1",
  })
  void allowsPublicAddresses(String ip) throws Exception {
    assertThat(SsrfGuard.denial(InetAddress.getByName(ip), false)).isEmpty();
  }

  @Test
  void vet_refusesAName_whenAnyResolvedAddressIsForbidden() {
    SsrfGuard guard =
        new SsrfGuard(
            fakeDns(Map.of("rebind.example.com", List.of("93.184.216.34", "169.254.169.254"))));

    assertThatThrownBy(() -> guard.vet(Address.parse("rebind.example.com"), true))
        .isInstanceOf(SsrfGuard.ForbiddenTargetException.class)
        .hasMessageContaining("169.254.169.254")
        .hasMessageContaining("metadata");
  }

  @Test
  void vet_refusesANameResolvingToLoopback_unlessAllowed() throws Exception {
    SsrfGuard guard = new SsrfGuard(fakeDns(Map.of("svc.internal.test", List.of("127.0.0.7"))));

    assertThatThrownBy(() -> guard.vet(Address.parse("svc.internal.test"), false))
        .isInstanceOf(SsrfGuard.ForbiddenTargetException.class)
        .hasMessageContaining("loopback");
    assertThat(guard.vet(Address.parse("svc.internal.test"), true).getHostAddress())
        .isEqualTo("127.0.0.7");
  }

  @Test
  void vet_returnsTheFirstResolvedAddress_andNeverResolvesLiterals() throws Exception {
    List<String> lookups = new ArrayList<>();
    SsrfGuard.Resolver dns =
        host -> {
          lookups.add(host);
          return List.of(
              InetAddress.getByName("93.184.216.34"), InetAddress.getByName("93.184.216.35"));
        };
    SsrfGuard guard = new SsrfGuard(dns);

    assertThat(guard.vet(Address.parse("api.example.com"), false).getHostAddress())
        .isEqualTo("93.184.216.34");
    assertThat(guard.vet(Address.parse("203.0.113.9"), false).getHostAddress())
        .isEqualTo("203.0.113.9");
    assertThat(guard.vetHost("[2600:1f18::1]", false).getHostAddress()).contains("2600:1f18");
    assertThat(lookups).containsExactly("api.example.com");
  }

  @Test
  void vet_reportsUnknownHosts() {
    SsrfGuard guard = new SsrfGuard(fakeDns(Map.of()));
    assertThatThrownBy(() -> guard.vet(Address.parse("nowhere.example.com"), false))
        .isInstanceOf(UnknownHostException.class);
    assertThatThrownBy(() -> guard.vetHost("bad_host!", false))
        .isInstanceOf(UnknownHostException.class);
  }

  @Test
  void denial_namesTheRule() throws Exception {
    Optional<String> why = SsrfGuard.denial(InetAddress.getByName("10.1.1.1"), false);
    assertThat(why).hasValueSatisfying(w -> assertThat(w).contains("private"));
  }

  static SsrfGuard.Resolver fakeDns(Map<String, List<String>> table) {
    return host -> {
      List<String> ips = table.get(host);
      if (ips == null) {
        throw new UnknownHostException(host);
      }
      List<InetAddress> out = new ArrayList<>();
      for (String ip : ips) {
        out.add(InetAddress.getByName(ip));
      }
      return out;
    };
  }
}
