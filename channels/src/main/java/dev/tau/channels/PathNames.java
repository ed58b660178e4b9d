package dev.tau.channels;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Turns platform ids (chat, channel, actor ids, which strangers partly control) into one safe path
 * component or key: characters outside the allowed set become {@code _}, leading and trailing
 * {@code _} go, and whenever that changed the id, {@code -} and the first 8 hex digits of the
 * SHA-256 of the original id are appended, so distinct ids ({@code a:b}, {@code a_b}, {@code a b})
 * never share a name. An id made only of dots ({@code .}, {@code ..}) or nothing usable becomes
 * {@code <fallback>-<hash>}, never a name the file system reads as "this" or "parent" directory. An
 * id that needed no change keeps its name, so existing stores keep their paths.
 */
public final class PathNames {
  private PathNames() {}

  /**
   * @param raw the id
   * @param extra characters allowed besides {@code A-Z a-z 0-9 . _ -}
   * @param fallback the name stem for an id with nothing usable in it (and the name of an empty id)
   */
  public static String sanitize(String raw, String extra, String fallback) {
    if (raw.isEmpty()) {
      return fallback;
    }
    StringBuilder out = new StringBuilder(raw.length());
    for (int i = 0; i < raw.length(); i++) {
      char ch = raw.charAt(i);
      boolean ok =
          (ch >= 'a' && ch <= 'z')
              || (ch >= 'A' && ch <= 'Z')
              || (ch >= '0' && ch <= '9')
              || ch == '.'
              || ch == '_'
              || ch == '-'
              || extra.indexOf(ch) >= 0;
      out.append(ok ? ch : '_');
    }
    int start = 0;
    int end = out.length();
    while (start < end && out.charAt(start) == '_') {
      start++;
    }
    while (end > start && out.charAt(end - 1) == '_') {
      end--;
    }
    String name = out.substring(start, end);
    if (name.chars().allMatch(c -> c == '.')) {
      name = fallback; // "", ".", "..": never a path step
    }
    return name.equals(raw) ? name : name + "-" + shortHash(raw);
  }

  /** The first 8 hex digits of the SHA-256 of {@code raw} (UTF-8). */
  static String shortHash(String raw) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(raw.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest, 0, 4);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is unavailable", e);
    }
  }
}
