package dev.tau.channels.outbound;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The outbound SSRF guard (tau-spec §5.13), applied to the first URL and to every redirect hop. It
 * checks the scheme, the host name, and every address the host resolves to. With the guard disabled
 * only the scheme is checked (http or https).
 *
 * <p>The JDK client resolves the host again when it connects, so a name whose DNS answer changes
 * between the check and the connection is not caught; the API bases are operator-configured, which
 * keeps that window small.
 */
public final class SsrfGuard {
  private static final Set<String> METADATA_HOSTS =
      Set.of(
          "metadata",
          "metadata.google.internal",
          "instance-data",
          "instance-data.ec2.internal",
          "metadata.azure.internal");

  /** Resolves a host name to its addresses (injected so tests need no DNS). */
  @FunctionalInterface
  public interface HostResolver {
    List<InetAddress> resolve(String host) throws UnknownHostException;

    /** The system resolver. */
    static HostResolver system() {
      return host -> List.of(InetAddress.getAllByName(host));
    }
  }

  /** Why a URL was refused. */
  public record Blocked(DeliveryReason reason, String detail) {
    public Blocked {
      Objects.requireNonNull(reason, "reason");
      Objects.requireNonNull(detail, "detail");
    }
  }

  private final SsrfSettings settings;
  private final HostResolver resolver;

  public SsrfGuard(SsrfSettings settings, HostResolver resolver) {
    this.settings = Objects.requireNonNull(settings, "settings");
    this.resolver = Objects.requireNonNull(resolver, "resolver");
  }

  /** Empty when {@code uri} may be requested; the reason otherwise. */
  public Optional<Blocked> check(URI uri) {
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (scheme.isEmpty()) {
      return blocked(DeliveryReason.SSRF_INVALID_URL, "url has no scheme");
    }
    boolean schemeAllowed =
        scheme.equals("https")
            || (scheme.equals("http") && (settings.allowHttp() || !settings.enabled()));
    if (!schemeAllowed) {
      return blocked(DeliveryReason.SSRF_BLOCKED_SCHEME, "scheme '" + scheme + "' is not allowed");
    }
    String host = uri.getHost();
    if (host == null || host.isBlank()) {
      return blocked(DeliveryReason.SSRF_INVALID_URL, "url has no host");
    }
    if (!settings.enabled()) {
      return Optional.empty();
    }
    host = host.toLowerCase(Locale.ROOT);
    if (host.startsWith("[") && host.endsWith("]")) {
      host = host.substring(1, host.length() - 1);
    }
    while (host.endsWith(".")) {
      host = host.substring(0, host.length() - 1);
    }
    if (METADATA_HOSTS.contains(host)) {
      return blocked(
          DeliveryReason.SSRF_BLOCKED_METADATA_ENDPOINT,
          "host '" + host + "' is a metadata endpoint");
    }
    if (!settings.allowPrivateNetwork()
        && (host.equals("localhost") || host.endsWith(".localhost"))) {
      return blocked(DeliveryReason.SSRF_BLOCKED_PRIVATE_NETWORK, "host '" + host + "' is local");
    }
    List<InetAddress> addresses;
    try {
      addresses = resolver.resolve(host);
    } catch (UnknownHostException | SecurityException e) {
      return blocked(
          DeliveryReason.SSRF_DNS_RESOLUTION_FAILED, "cannot resolve host '" + host + "'");
    }
    if (addresses == null || addresses.isEmpty()) {
      return blocked(
          DeliveryReason.SSRF_DNS_RESOLUTION_FAILED, "host '" + host + "' has no addresses");
    }
    for (InetAddress address : addresses) {
      Optional<Blocked> refused = checkAddress(host, address);
      if (refused.isPresent()) {
        return refused;
      }
    }
    return Optional.empty();
  }

  private Optional<Blocked> checkAddress(String host, InetAddress address) {
    String ip = address.getHostAddress();
    String what = "host '" + host + "' resolves to " + ip;
    if (isMetadata(address)) {
      return blocked(DeliveryReason.SSRF_BLOCKED_METADATA_ENDPOINT, what + ", a metadata endpoint");
    }
    if (address.isAnyLocalAddress()) {
      return blocked(
          DeliveryReason.SSRF_BLOCKED_UNSPECIFIED_IP, what + ", the unspecified address");
    }
    if (address.isMulticastAddress()) {
      return blocked(DeliveryReason.SSRF_BLOCKED_MULTICAST, what + ", a multicast address");
    }
    if (!settings.allowPrivateNetwork() && isPrivate(address)) {
      return blocked(DeliveryReason.SSRF_BLOCKED_PRIVATE_NETWORK, what + ", a private address");
    }
    return Optional.empty();
  }

  private static boolean isMetadata(InetAddress address) {
    byte[] b = address.getAddress();
    if (address instanceof Inet4Address) {
      return (b[0] & 0xff) == 169
          && (b[1] & 0xff) == 254
          && (b[2] & 0xff) == 169
          && (b[3] & 0xff) == 254;
    }
    // AWS's IPv6 instance metadata endpoint, fd00:ec2::254
    return b.length == 16
        && (b[0] & 0xff) == 0xfd
        && b[1] == 0
        && (b[2] & 0xff) == 0x0e
        && (b[3] & 0xff) == 0xc2
        && allZero(b, 4, 14)
        && (b[14] & 0xff) == 0x02
        && (b[15] & 0xff) == 0x54;
  }

  /** Loopback, RFC 1918, link-local, broadcast, CGNAT, "this network", ULA, documentation. */
  static boolean isPrivate(InetAddress address) {
    if (address.isLoopbackAddress()
        || address.isLinkLocalAddress()
        || address.isSiteLocalAddress()) {
      return true;
    }
    byte[] b = address.getAddress();
    if (address instanceof Inet4Address) {
      int first = b[0] & 0xff;
      int second = b[1] & 0xff;
      boolean broadcast =
          first == 255 && second == 255 && (b[2] & 0xff) == 255 && (b[3] & 0xff) == 255;
      boolean cgnat = first == 100 && second >= 64 && second <= 127;
      boolean thisNetwork = first == 0;
      return broadcast || cgnat || thisNetwork;
    }
    if (address instanceof Inet6Address) {
      boolean uniqueLocal = (b[0] & 0xfe) == 0xfc;
      boolean documentation =
          (b[0] & 0xff) == 0x20
              && (b[1] & 0xff) == 0x01
              && (b[2] & 0xff) == 0x0d
              && (b[3] & 0xff) == 0xb8;
      boolean ipv4Compatible = allZero(b, 0, 12);
      return uniqueLocal || documentation || ipv4Compatible;
    }
    return false;
  }

  private static boolean allZero(byte[] bytes, int from, int to) {
    for (int i = from; i < to; i++) {
      if (bytes[i] != 0) {
        return false;
      }
    }
    return true;
  }

  private static Optional<Blocked> blocked(DeliveryReason reason, String detail) {
    return Optional.of(new Blocked(reason, detail));
  }
}
