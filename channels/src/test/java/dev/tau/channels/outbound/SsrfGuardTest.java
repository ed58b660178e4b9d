package dev.tau.channels.outbound;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SsrfGuardTest {
  private static final Map<String, List<String>> DNS =
      Map.of(
          "api.example.com", List.of("93.184.216.34"),
          "rebind.example.com", List.of("93.184.216.34", "10.1.2.3"),
          "imds.example.com", List.of("169.254.169.254"),
          "empty.example.com", List.of(),
          "localhost", List.of("127.0.0.1"),
          "api.localhost", List.of("127.0.0.1"));

  /** Literal IPs as the JDK parses them (no lookup); names from the table; others fail. */
  private static final SsrfGuard.HostResolver RESOLVER =
      host -> {
        if (host.matches("[0-9.]+") || host.contains(":")) {
          return List.of(InetAddress.getByName(host));
        }
        List<String> ips = DNS.get(host);
        if (ips == null) {
          throw new UnknownHostException(host);
        }
        List<InetAddress> addresses = new java.util.ArrayList<>();
        for (String ip : ips) {
          addresses.add(InetAddress.getByName(ip));
        }
        return addresses;
      };

  private static String code(SsrfSettings settings, String url) {
    Optional<SsrfGuard.Blocked> blocked = new SsrfGuard(settings, RESOLVER).check(URI.create(url));
    return blocked.map(b -> b.reason().wire()).orElse("allowed");
  }

  private static String code(String url) {
    return code(SsrfSettings.defaults(), url);
  }

  @Test
  void allowsPublicHttpsHosts() {
    assertThat(code("https://api.example.com/bot1/sendMessage")).isEqualTo("allowed");
    assertThat(code("https://93.184.216.34/x")).isEqualTo("allowed");
  }

  @Test
  void refusesSchemesOtherThanHttpsUnlessHttpIsAllowed() {
    assertThat(code("http://api.example.com/")).isEqualTo("delivery_ssrf_blocked_scheme");
    assertThat(code("ftp://api.example.com/")).isEqualTo("delivery_ssrf_blocked_scheme");
    assertThat(code(new SsrfSettings(true, true, false, 5), "http://api.example.com/"))
        .isEqualTo("allowed");
    assertThat(code(new SsrfSettings(true, true, false, 5), "file://api.example.com/"))
        .isEqualTo("delivery_ssrf_blocked_scheme");
  }

  @Test
  void refusesUrlsWithoutAHost() {
    assertThat(code("https:/no-authority")).isEqualTo("delivery_ssrf_invalid_url");
    assertThat(code("/relative/only")).isEqualTo("delivery_ssrf_invalid_url");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "https://metadata/",
        "https://metadata.google.internal/computeMetadata/v1/",
        "https://instance-data/",
        "https://instance-data.ec2.internal./latest",
        "https://METADATA.AZURE.INTERNAL/",
        "https://169.254.169.254/latest/meta-data",
        "https://imds.example.com/",
        "https://[fd00:ec2::254]/"
      })
  void refusesMetadataEndpointsEvenWhenPrivateNetworksAreAllowed(String url) {
    assertThat(code(url)).isEqualTo("delivery_ssrf_blocked_metadata_endpoint");
    assertThat(code(new SsrfSettings(true, true, true, 5), url))
        .isEqualTo("delivery_ssrf_blocked_metadata_endpoint");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "https://localhost/",
        "https://api.localhost/",
        "https://127.0.0.1/",
        "https://10.0.0.1/",
        "https://172.16.5.4/",
        "https://192.168.1.1/",
        "https://169.254.10.10/",
        "https://100.64.0.1/",
        "https://100.127.255.254/",
        "https://255.255.255.255/",
        "https://[::1]/",
        "https://[fc00::1]/",
        "https://[fd12:3456::1]/",
        "https://[fe80::1]/",
        "https://[2001:db8::1]/",
        "https://[::ffff:10.0.0.1]/",
        "https://rebind.example.com/"
      })
  void refusesPrivateNetworksUnlessAllowed(String url) {
    assertThat(code(url)).isEqualTo("delivery_ssrf_blocked_private_network");
    assertThat(code(new SsrfSettings(true, false, true, 5), url)).isEqualTo("allowed");
  }

  @Test
  void cgnatBoundariesAreExact() {
    assertThat(code("https://100.63.255.255/")).isEqualTo("allowed");
    assertThat(code("https://100.128.0.0/")).isEqualTo("allowed");
  }

  @Test
  void refusesUnspecifiedAndMulticastAddressesEvenWhenPrivateNetworksAreAllowed() {
    SsrfSettings open = new SsrfSettings(true, true, true, 5);
    assertThat(code(open, "https://0.0.0.0/")).isEqualTo("delivery_ssrf_blocked_unspecified_ip");
    assertThat(code(open, "https://[::]/")).isEqualTo("delivery_ssrf_blocked_unspecified_ip");
    assertThat(code(open, "https://224.0.0.1/")).isEqualTo("delivery_ssrf_blocked_multicast");
    assertThat(code(open, "https://[ff02::1]/")).isEqualTo("delivery_ssrf_blocked_multicast");
  }

  @Test
  void aFailedOrEmptyLookupIsARetryableDnsFailure() {
    assertThat(code("https://nowhere.invalid/")).isEqualTo("delivery_ssrf_dns_resolution_failed");
    assertThat(code("https://empty.example.com/")).isEqualTo("delivery_ssrf_dns_resolution_failed");
    assertThat(DeliveryReason.SSRF_DNS_RESOLUTION_FAILED.retryable()).isTrue();
    assertThat(DeliveryReason.SSRF_BLOCKED_PRIVATE_NETWORK.retryable()).isFalse();
  }

  @Test
  void aDisabledGuardOnlyChecksTheScheme() {
    SsrfSettings off = new SsrfSettings(false, false, false, 5);
    assertThat(code(off, "http://127.0.0.1:8080/")).isEqualTo("allowed");
    assertThat(code(off, "https://169.254.169.254/")).isEqualTo("allowed");
    assertThat(code(off, "gopher://127.0.0.1/")).isEqualTo("delivery_ssrf_blocked_scheme");
  }
}
