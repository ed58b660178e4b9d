package dev.tau.gateway.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Bearer tokens issued by {@code POST /gateway/auth/session} (password-session mode). Tokens are
 * 256 random bits (the original used a predictable counter); only their SHA-256 is kept, so a heap
 * dump does not reveal live tokens. Expired tokens are pruned on every check.
 */
public final class SessionTokens {
  /** A freshly issued token. */
  public record Issued(String token, long expiresUnixMs, long ttlSeconds) {
    @Override
    public String toString() {
      return "Issued[token=<redacted>, expiresUnixMs=" + expiresUnixMs + "]";
    }
  }

  private record Entry(long expiresUnixMs) {}

  private final Duration ttl;
  private final Clock clock;
  private final SecureRandom random = new SecureRandom();
  private final Map<String, Entry> live = new ConcurrentHashMap<>();
  private final AtomicLong issued = new AtomicLong();

  public SessionTokens(Duration ttl, Clock clock) {
    if (ttl.toSeconds() < 1) {
      throw new IllegalArgumentException(
          "--gateway-openresponses-session-ttl-seconds must be at least 1");
    }
    this.ttl = ttl;
    this.clock = clock;
  }

  public Issued issue() {
    byte[] bytes = new byte[32];
    random.nextBytes(bytes);
    String token = "tau_sess_" + HexFormat.of().formatHex(bytes);
    long expires = clock.millis() + ttl.toMillis();
    live.put(hash(token), new Entry(expires));
    issued.incrementAndGet();
    return new Issued(token, expires, ttl.toSeconds());
  }

  /** Whether {@code token} is live now. */
  public boolean isLive(String token) {
    long now = clock.millis();
    live.entrySet().removeIf(e -> e.getValue().expiresUnixMs() <= now);
    return Optional.ofNullable(token)
        .map(t -> live.get(hash(t)))
        .map(e -> e.expiresUnixMs() > now)
        .orElse(false);
  }

  public int activeCount() {
    long now = clock.millis();
    live.entrySet().removeIf(e -> e.getValue().expiresUnixMs() <= now);
    return live.size();
  }

  public long totalIssued() {
    return issued.get();
  }

  public Duration ttl() {
    return ttl;
  }

  private static String hash(String token) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest);
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is always available", e);
    }
  }
}
