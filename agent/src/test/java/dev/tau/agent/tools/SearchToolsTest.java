package dev.tau.agent.tools;

import static dev.tau.agent.tools.FileToolsTest.failureCode;
import static dev.tau.agent.tools.ToolTesting.args;
import static dev.tau.agent.tools.ToolTesting.run;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tau.core.tool.ToolErrorCode;
import dev.tau.core.tool.ToolResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

class SearchToolsTest {
  @TempDir Path ws;
  @TempDir Path outside;
  final CodingToolsConfig config = CodingToolsConfig.DEFAULTS;

  @BeforeEach
  void tree() throws Exception {
    Files.createDirectories(ws.resolve("src/app"));
    Files.writeString(ws.resolve("Main.java"), "class Main { // TODO tidy\n}\n");
    Files.writeString(ws.resolve("src/app/App.java"), "class App {\n  int todo = 1;\n}\n");
    Files.writeString(ws.resolve("src/readme.md"), "todo: docs\n");
    Files.createDirectories(ws.resolve(".git"));
    Files.writeString(ws.resolve(".git/config"), "todo in git\n");
    Files.writeString(outside.resolve("Secret.java"), "todo outside\n");
    Files.createSymbolicLink(ws.resolve("ext"), outside);
  }

  @Test
  // a separate thread, so a read blocked in open() still fails the test instead of hanging it
  @Timeout(value = 30, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
  void grepSkipsAFifoInTheTreeAndRefusesOneGivenAsThePath() throws Exception {
    FileToolsTest.mkfifo(ws.resolve("src/pipe"));

    ToolResult tree = run(new GrepTool(config), ws, args("pattern", "todo", "path", "src"));
    ToolResult direct = run(new GrepTool(config), ws, args("pattern", "todo", "path", "src/pipe"));

    assertThat(tree.text())
        .isEqualTo("src/app/App.java:2:  int todo = 1;\nsrc/readme.md:1:todo: docs");
    assertThat(failureCode(direct)).isEqualTo(ToolErrorCode.INVALID_ARGUMENTS);
    assertThat(direct.text()).contains("path 'src/pipe' is not a regular file");
  }

  @Test
  void lsListsSortedWithDirectoryAndLinkMarkers() {
    assertThat(run(new LsTool(config), ws, args()).text())
        .isEqualTo(String.join("\n", ".git/", "Main.java", "ext@", "src/"));
  }

  @Test
  void lsOfFileIsInvalidArgumentsAndOutsideIsRefused() {
    assertThat(failureCode(run(new LsTool(config), ws, args("path", "Main.java"))))
        .isEqualTo(ToolErrorCode.INVALID_ARGUMENTS);
    assertThat(failureCode(run(new LsTool(config), ws, args("path", "ext"))))
        .isEqualTo(ToolErrorCode.PATH_OUTSIDE_WORKSPACE);
  }

  @Test
  void lsCapsEntriesWithANote() {
    ToolResult result = run(new LsTool(config.withMaxResults(2)), ws, args());
    assertThat(result.text()).isEqualTo(".git/\nMain.java\n[2 more entries not shown]");
  }

  @Test
  void globMatchesAtAnyDepthWithoutFollowingLinksOrEnteringGit() {
    assertThat(run(new GlobTool(config), ws, args("pattern", "**/*.java")).text())
        .isEqualTo("Main.java\nsrc/app/App.java");
  }

  @Test
  void globSearchesFromAGivenDirectory() {
    assertThat(run(new GlobTool(config), ws, args("pattern", "*.md", "path", "src")).text())
        .isEqualTo("src/readme.md");
  }

  @Test
  void globReportsNoMatchesPlainly() {
    assertThat(run(new GlobTool(config), ws, args("pattern", "*.rs")).text())
        .isEqualTo("no files match '*.rs'");
  }

  @Test
  void grepReturnsPathLineAndText() {
    ToolResult result =
        run(
            new GrepTool(config),
            ws,
            args("pattern", "todo", "ignore_case", true, "glob", "*.java"));

    assertThat(result.text())
        .isEqualTo("Main.java:1:class Main { // TODO tidy\nsrc/app/App.java:2:  int todo = 1;");
  }

  @Test
  void grepCapsResultsWithANote() {
    ToolResult result =
        run(new GrepTool(config.withMaxResults(1)), ws, args("pattern", "(?i)todo"));

    assertThat(result.text()).startsWith("Main.java:1:").contains("[more matches not shown");
  }

  @Test
  void grepRejectsAnInvalidRegexNamingTheField() {
    ToolResult result = run(new GrepTool(config), ws, args("pattern", "("));
    assertThat(failureCode(result)).isEqualTo(ToolErrorCode.INVALID_ARGUMENTS);
    assertThat(result.text()).contains("'pattern'");
  }

  @Test
  void grepSkipsBinaryFiles() throws Exception {
    Files.write(ws.resolve("blob.bin"), new byte[] {'t', 'o', 'd', 'o', 0, 1});
    assertThat(run(new GrepTool(config), ws, args("pattern", "todo", "glob", "*.bin")).text())
        .isEqualTo("no matches for 'todo'");
  }
}
