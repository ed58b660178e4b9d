package dev.tau.gateway.responses;

import dev.tau.core.session.SessionId;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Turns a caller's session seed ({@code metadata.session_id}, {@code conversation}, {@code user})
 * into a {@link SessionId} (tau-spec §2.5.4): every character outside {@code [A-Za-z0-9_-]} becomes
 * {@code _}, leading and trailing {@code _} are trimmed, and an empty result is {@value #DEFAULT}.
 * Seeds longer than the id limit keep their start plus a hash of the whole seed, so two long seeds
 * with a common prefix stay apart.
 */
public final class SessionKeys {
  /** The session used when a request names none. */
  public static final String DEFAULT = "default";

  private static final int MAX = 128;
  private static final int HASH_CHARS = 16;

  private SessionKeys() {}

  public static SessionId sanitize(String seed) {
    String s = seed == null ? "" : seed.strip().replaceAll("[^A-Za-z0-9_-]", "_");
    s = s.replaceAll("^_+|_+$", "");
    if (s.isEmpty()) {
      return SessionId.of(DEFAULT);
    }
    if (s.length() > MAX) {
      s = s.substring(0, MAX - HASH_CHARS - 1) + "-" + sha256(seed).substring(0, HASH_CHARS);
    }
    return SessionId.of(s);
  }

  private static String sha256(String text) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is always available", e);
    }
  }
}
