package dev.tau.gates.deps;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DependencyCheckTest {
  /** The list the project keeps, read from the repository (tests run in the module directory). */
  private static final Path PROJECT_LIST = Path.of("..", DependencyCheck.DEFAULT_ADVISORIES);

  private static final String LISTED =
      """

      The following files have been resolved:
         org.apache.logging.log4j:log4j-core:jar:2.14.1:compile -- module org.apache.logging.log4j.core
         com.fasterxml.jackson.core:jackson-databind:jar:2.9.10.1:runtime
         io.netty:netty-codec-http:jar:4.1.107.Final:compile
         org.xerial:sqlite-jdbc:jar:3.54.1.0:compile -- module org.xerial.sqlitejdbc
         org.junit.jupiter:junit-jupiter:jar:6.1.3:test
         com.google.guava:guava:jar:33.4.0-jre:test
      """;

  @TempDir Path dir;

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  private int run(String... args) {
    return DependencyCheck.run(
        args,
        new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  @Test
  void readsEveryArtifactLineOfDependencyListOutput() {
    List<ResolvedDependency> resolved = ResolvedDependency.parseList(LISTED);

    assertThat(resolved).hasSize(6);
    assertThat(resolved.getFirst().toString())
        .isEqualTo("org.apache.logging.log4j:log4j-core:2.14.1 (compile)");
    assertThat(ResolvedDependency.parseList("[INFO]    a.b:c:jar:tests:1.0:test\n"))
        .singleElement()
        .hasToString("a.b:c:1.0 (test)");
  }

  @Test
  void theProjectListFlagsListedVersionsAndPassesFixedOnes() throws Exception {
    List<Advisory> advisories = Advisory.load(PROJECT_LIST);

    List<DependencyCheck.Hit> hits =
        DependencyCheck.check(ResolvedDependency.parseList(LISTED), advisories);

    assertThat(hits)
        .extracting(h -> h.dependency().artifactId())
        .containsExactly("log4j-core", "jackson-databind", "jackson-databind", "netty-codec-http");
    assertThat(hits.getFirst().advisory().reason()).contains("CVE-2021-44228");
  }

  @Test
  void aListedVersionFailsTheGateAndNamesTheAdvisory() throws Exception {
    Path resolved = dir.resolve("deps.txt");
    Files.writeString(resolved, "   org.yaml:snakeyaml:jar:1.33:compile\n   a:b:jar:1.0:test\n");
    Path list = dir.resolve("vulnerable.txt");
    Files.writeString(list, "# comment\norg.yaml:snakeyaml:(,2.0) CVE-2022-1471 constructor RCE\n");

    assertThat(run("--resolved", resolved.toString(), "--advisories", list.toString()))
        .isEqualTo(1);
    assertThat(out.toString(StandardCharsets.UTF_8))
        .contains("VULNERABLE org.yaml:snakeyaml:1.33 (compile) is in org.yaml:snakeyaml:(,2.0)")
        .contains("line 2): CVE-2022-1471");
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("dependency-check: FAILED: 1");

    Files.writeString(resolved, "   org.yaml:snakeyaml:jar:2.0:compile\n");
    out.reset();
    assertThat(run("--resolved", resolved.toString(), "--advisories", list.toString())).isZero();
    assertThat(out.toString(StandardCharsets.UTF_8)).contains("0 affected");
  }

  @Test
  void anEmptyOrForeignResolvedFileCannotPass() throws Exception {
    Path resolved = dir.resolve("deps.txt");
    Files.writeString(resolved, "BUILD SUCCESS\n");

    assertThat(run("--resolved", resolved.toString(), "--advisories", PROJECT_LIST.toString()))
        .isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("no artifacts in");
    assertThat(run("--advisories", PROJECT_LIST.toString())).isEqualTo(2);
  }

  @Test
  void malformedAdvisoriesNameTheirLine() {
    assertThatThrownBy(() -> Advisory.parse("a:b:[1,2)\n", "list.txt"))
        .hasMessageContaining("list.txt line 1: expected 'groupId:artifactId:versionRange reason'");
    assertThatThrownBy(() -> Advisory.parse("\na:b:[2,1) why\n", "list.txt"))
        .hasMessageContaining("list.txt line 2: version range '[2,1)'");
    assertThatThrownBy(() -> Advisory.parse("ab:[1,2) why\n", "list.txt"))
        .hasMessageContaining("list.txt line 1");
  }
}
