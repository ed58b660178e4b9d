package dev.tau.gates.deps;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An artifact the build resolved, as {@code mvn dependency:list} prints it: {@code
 * groupId:artifactId:type[:classifier]:version:scope}, possibly followed by {@code -- module …}.
 *
 * @param groupId the group
 * @param artifactId the artifact
 * @param version the resolved version
 * @param scope compile, runtime, test, provided or system
 */
public record ResolvedDependency(String groupId, String artifactId, Version version, String scope) {
  private static final Pattern LINE =
      Pattern.compile(
          "^\\s*([\\w.-]+):([\\w.-]+):([\\w.-]+)(?::([\\w.-]+))?:([\\w.+-]+)"
              + ":(compile|provided|runtime|test|system)\\b.*$");

  public ResolvedDependency {
    Objects.requireNonNull(groupId, "groupId");
    Objects.requireNonNull(artifactId, "artifactId");
    Objects.requireNonNull(version, "version");
    Objects.requireNonNull(scope, "scope");
  }

  /**
   * Reads every artifact line of {@code dependency:list} output (the output of all modules may be
   * appended in one file); other lines are skipped. Duplicates are dropped.
   */
  public static List<ResolvedDependency> parseList(String text) {
    Set<ResolvedDependency> found = new LinkedHashSet<>();
    for (String line : text.split("\n")) {
      // Maven's console prefix, when the console output was saved rather than -DoutputFile
      String body = line.startsWith("[INFO]") ? line.substring(6) : line;
      Matcher m = LINE.matcher(body.stripTrailing());
      if (m.matches()) {
        found.add(
            new ResolvedDependency(m.group(1), m.group(2), Version.parse(m.group(5)), m.group(6)));
      }
    }
    return List.copyOf(found);
  }

  @Override
  public String toString() {
    return groupId + ":" + artifactId + ":" + version + " (" + scope + ")";
  }
}
