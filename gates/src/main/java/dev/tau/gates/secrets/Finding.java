package dev.tau.gates.secrets;

import java.util.Objects;

/**
 * A credential-shaped string in a file. It never holds the matched text itself, only a masked
 * preview, so printing findings cannot leak what was found.
 *
 * @param path the file, relative to the scanned root, with {@code /} separators
 * @param line the 1-based line number
 * @param pattern the shape that matched
 * @param preview the first characters of the match and its length, e.g. {@code AKIA…(20 chars)}
 */
public record Finding(String path, int line, SecretPattern pattern, String preview) {
  public Finding {
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(pattern, "pattern");
    Objects.requireNonNull(preview, "preview");
    if (line < 1) {
      throw new IllegalArgumentException("line must be 1 or more, got " + line);
    }
  }

  /** A preview that shows at most a quarter of the match (and at most 6 characters). */
  static String mask(String match) {
    int shown = Math.min(6, match.length() / 4);
    return match.substring(0, shown) + "…(" + match.length() + " chars)";
  }

  @Override
  public String toString() {
    return path + ":" + line + ": " + pattern.wire() + " " + preview;
  }
}
