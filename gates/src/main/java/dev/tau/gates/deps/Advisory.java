package dev.tau.gates.deps;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One line of the project's known-vulnerable list ({@code security/vulnerable-dependencies.txt}):
 * {@code groupId:artifactId:versionRange reason}, e.g. {@code
 * org.apache.logging.log4j:log4j-core:[2.0-beta9,2.17.1) CVE-2021-44228 (Log4Shell) …}.
 *
 * @param groupId the artifact's group
 * @param artifactId the artifact
 * @param range the affected versions
 * @param reason the advisory ids and what they allow
 * @param line the line of the list file, for messages
 */
public record Advisory(
    String groupId, String artifactId, VersionRange range, String reason, int line) {
  public Advisory {
    Objects.requireNonNull(groupId, "groupId");
    Objects.requireNonNull(artifactId, "artifactId");
    Objects.requireNonNull(range, "range");
    Objects.requireNonNull(reason, "reason");
  }

  /** Whether the advisory covers a resolved artifact. */
  public boolean affects(ResolvedDependency dependency) {
    return groupId.equals(dependency.groupId())
        && artifactId.equals(dependency.artifactId())
        && range.contains(dependency.version());
  }

  public static List<Advisory> load(Path file) throws IOException {
    return parse(Files.readString(file, StandardCharsets.UTF_8), file.toString());
  }

  /**
   * Parses the list; blank lines and {@code #} comments are ignored.
   *
   * @throws IllegalArgumentException naming the source and line of a malformed entry
   */
  public static List<Advisory> parse(String text, String source) {
    List<Advisory> advisories = new ArrayList<>();
    String[] lines = text.split("\n", -1);
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i].strip();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      String where = source + " line " + (i + 1) + ": ";
      String[] fields = line.split("\\s+", 2);
      if (fields.length < 2) {
        throw new IllegalArgumentException(
            where + "expected 'groupId:artifactId:versionRange reason'");
      }
      String[] coordinates = fields[0].split(":", 3);
      if (coordinates.length < 3 || coordinates[0].isEmpty() || coordinates[1].isEmpty()) {
        throw new IllegalArgumentException(
            where + "expected 'groupId:artifactId:versionRange reason', got '" + fields[0] + "'");
      }
      VersionRange range;
      try {
        range = VersionRange.parse(coordinates[2]);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(where + e.getMessage(), e);
      }
      advisories.add(new Advisory(coordinates[0], coordinates[1], range, fields[1], i + 1));
    }
    return advisories;
  }

  @Override
  public String toString() {
    return groupId + ":" + artifactId + ":" + range;
  }
}
