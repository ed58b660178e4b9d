package dev.tau.agent.policy;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A tool-name pattern where {@code *} matches any run of characters, for example {@code bash},
 * {@code mcp__*} or {@code *}.
 */
public record ToolPattern(String pattern) {
  private static final Pattern VALID = Pattern.compile("^[a-zA-Z0-9_*-]{1,64}$");

  public ToolPattern {
    Objects.requireNonNull(pattern, "pattern");
    if (!VALID.matcher(pattern).matches()) {
      throw new IllegalArgumentException(
          "tool pattern '"
              + pattern
              + "' is invalid: use a tool name of letters, digits, '_' or '-', with '*' as a"
              + " wildcard");
    }
  }

  /** Whether {@code toolName} matches this pattern. */
  public boolean matches(String toolName) {
    return matches(pattern, 0, toolName, 0);
  }

  // Plain recursive wildcard matching: patterns are at most 64 characters.
  private static boolean matches(String p, int pi, String s, int si) {
    while (pi < p.length()) {
      char c = p.charAt(pi);
      if (c == '*') {
        for (int k = si; k <= s.length(); k++) {
          if (matches(p, pi + 1, s, k)) {
            return true;
          }
        }
        return false;
      }
      if (si >= s.length() || s.charAt(si) != c) {
        return false;
      }
      pi++;
      si++;
    }
    return si == s.length();
  }

  @Override
  public String toString() {
    return pattern;
  }
}
