package dev.tau.gates.deps;

import dev.tau.gates.cli.GateArgs;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The known-vulnerable dependency check of {@code make security-check}: every artifact the build
 * resolves ({@code mvn dependency:list} output of all modules) is matched against the project's
 * list of advisories; any match fails the gate.
 *
 * <pre>
 * java -cp "gates/target/tau-gates.jar:gates/target/lib/*" dev.tau.gates.deps.DependencyCheck \
 *     --resolved .tau/security/dependency-list.txt \
 *     [--advisories security/vulnerable-dependencies.txt]
 * </pre>
 *
 * <p>Exit status: 0 nothing affected, 1 an affected artifact (each printed with the advisory), 2
 * bad options, an unreadable or malformed list, or a resolved file with no artifacts in it (so an
 * empty or wrong file cannot pass the gate).
 */
public final class DependencyCheck {
  static final String DEFAULT_ADVISORIES = "security/vulnerable-dependencies.txt";
  private static final String USAGE =
      """
      usage: DependencyCheck --resolved <dependency:list output> [--advisories <file>]
        --resolved    output of 'mvn dependency:list' (all modules may be appended in one file)
        --advisories  'groupId:artifactId:versionRange reason' per line
                      (default: security/vulnerable-dependencies.txt)
      """;

  /**
   * One affected artifact.
   *
   * @param dependency what the build resolved
   * @param advisory the advisory that covers it
   */
  public record Hit(ResolvedDependency dependency, Advisory advisory) {}

  private DependencyCheck() {}

  public static void main(String[] args) {
    System.exit(run(args, System.out, System.err));
  }

  /** Matches resolved artifacts against advisories. */
  public static List<Hit> check(List<ResolvedDependency> resolved, List<Advisory> advisories) {
    List<Hit> hits = new ArrayList<>();
    for (ResolvedDependency dependency : resolved) {
      for (Advisory advisory : advisories) {
        if (advisory.affects(dependency)) {
          hits.add(new Hit(dependency, advisory));
        }
      }
    }
    return hits;
  }

  /** Runs the check as the command line asks; returns the exit status. */
  public static int run(String[] args, PrintStream out, PrintStream err) {
    Path resolvedFile;
    Path advisoriesFile;
    try {
      Map<String, String> options = GateArgs.parse(args, Set.of("--resolved", "--advisories"));
      if (options.containsKey("--help")) {
        out.print(USAGE);
        return 0;
      }
      if (!options.containsKey("--resolved")) {
        throw new IllegalArgumentException("--resolved is required");
      }
      resolvedFile = Path.of(options.get("--resolved"));
      advisoriesFile = Path.of(options.getOrDefault("--advisories", DEFAULT_ADVISORIES));
    } catch (IllegalArgumentException e) {
      err.println("dependency-check: " + e.getMessage());
      err.print(USAGE);
      return 2;
    }
    List<Advisory> advisories;
    List<ResolvedDependency> resolved;
    try {
      advisories = Advisory.load(advisoriesFile);
      resolved =
          ResolvedDependency.parseList(Files.readString(resolvedFile, StandardCharsets.UTF_8));
    } catch (IOException e) {
      err.println("dependency-check: cannot read " + e.getMessage());
      return 2;
    } catch (IllegalArgumentException e) {
      err.println("dependency-check: " + e.getMessage());
      return 2;
    }
    if (resolved.isEmpty()) {
      err.println(
          "dependency-check: no artifacts in "
              + resolvedFile
              + "; expected the output of 'mvn dependency:list'");
      return 2;
    }
    List<Hit> hits = check(resolved, advisories);
    for (Hit hit : hits) {
      out.println(
          "VULNERABLE "
              + hit.dependency()
              + " is in "
              + hit.advisory()
              + " ("
              + advisoriesFile
              + " line "
              + hit.advisory().line()
              + "): "
              + hit.advisory().reason());
    }
    long artifacts =
        resolved.stream().map(d -> d.groupId() + ":" + d.artifactId()).distinct().count();
    out.printf(
        "dependency-check: %d resolved artifacts (%d distinct) checked against %d advisories, %d"
            + " affected%n",
        resolved.size(), artifacts, advisories.size(), hits.size());
    if (!hits.isEmpty()) {
      err.println(
          "dependency-check: FAILED: "
              + hits.size()
              + " resolved dependenc"
              + (hits.size() == 1 ? "y has" : "ies have")
              + " a known-vulnerable version; upgrade past the advisory's range (run 'mvn"
              + " dependency:tree' to see which module pulls it in).");
      return 1;
    }
    return 0;
  }
}
