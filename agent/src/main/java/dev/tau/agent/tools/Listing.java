package dev.tau.agent.tools;

import java.util.List;

/** Joins result lines, keeping at most {@code max} and saying how many were left out. */
final class Listing {
  private Listing() {}

  static String capped(List<String> lines, int max, String what) {
    if (lines.size() <= max) {
      return String.join("\n", lines);
    }
    return String.join("\n", lines.subList(0, max))
        + "\n["
        + (lines.size() - max)
        + " more "
        + what
        + " not shown]";
  }
}
