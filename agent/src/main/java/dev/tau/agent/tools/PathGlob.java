package dev.tau.agent.tools;

import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.PathMatcher;

/**
 * A glob over workspace-relative paths ({@code *}, {@code **}, {@code ?}, {@code [..]}, {@code
 * {a,b}}). A leading {@code **}{@code /} also matches zero directories, so {@code **}{@code
 * /*.java} finds {@code Main.java} at the top too.
 */
final class PathGlob {
  private final PathMatcher full;
  private final PathMatcher withoutLeadingStars;
  private final boolean nameOnly;

  private PathGlob(String pattern, boolean nameOnly) {
    this.full = FileSystems.getDefault().getPathMatcher("glob:" + pattern);
    this.withoutLeadingStars =
        pattern.startsWith("**/")
            ? FileSystems.getDefault().getPathMatcher("glob:" + pattern.substring(3))
            : null;
    this.nameOnly = nameOnly;
  }

  /** A glob matched against the whole relative path. */
  static PathGlob ofPath(String pattern, String field) {
    return compile(pattern, field, false);
  }

  /** A glob matched against the file name when it has no {@code /}, else the relative path. */
  static PathGlob ofFileFilter(String pattern, String field) {
    return compile(pattern, field, !pattern.contains("/"));
  }

  private static PathGlob compile(String pattern, String field, boolean nameOnly) {
    if (pattern.isBlank()) {
      throw ToolFailure.invalid(field, "must not be blank");
    }
    try {
      return new PathGlob(pattern, nameOnly);
    } catch (IllegalArgumentException e) {
      throw ToolFailure.invalid(field, "is not a valid glob: " + e.getMessage());
    }
  }

  boolean matches(Path relative) {
    Path subject = nameOnly ? relative.getFileName() : relative;
    if (subject == null) {
      return false;
    }
    return full.matches(subject)
        || (withoutLeadingStars != null && withoutLeadingStars.matches(subject));
  }
}
