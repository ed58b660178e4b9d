package dev.tau.channels.outbound;

/**
 * The SSRF guard's settings (tau-spec §5.13; flags {@code --multi-channel-outbound-ssrf-*}).
 *
 * @param enabled whether the guard runs at all (default true)
 * @param allowHttp whether {@code http} URLs are allowed besides {@code https} (default false)
 * @param allowPrivateNetwork whether loopback, private, link-local and CGNAT addresses are allowed
 *     (default false); metadata endpoints stay blocked
 * @param maxRedirects how many redirect hops are followed (default 5; 0 follows none)
 */
public record SsrfSettings(
    boolean enabled, boolean allowHttp, boolean allowPrivateNetwork, int maxRedirects) {
  public SsrfSettings {
    if (maxRedirects < 0) {
      throw new IllegalArgumentException(
          "outbound max_redirects must be >= 0, got " + maxRedirects);
    }
  }

  /** Enabled, https only, public addresses only, 5 redirects. */
  public static SsrfSettings defaults() {
    return new SsrfSettings(true, false, false, 5);
  }
}
