package dev.tau.agent.tools;

import static dev.tau.agent.tools.ToolTesting.args;
import static dev.tau.agent.tools.ToolTesting.run;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tau.core.tool.ToolErrorCode;
import dev.tau.core.tool.ToolResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

class FileToolsTest {
  @TempDir Path ws;
  @TempDir Path outside;
  final CodingToolsConfig config = CodingToolsConfig.DEFAULTS;

  @Test
  void writeCreatesParentDirectoriesAndReportsSize() throws Exception {
    ToolResult result =
        run(new WriteTool(config), ws, args("path", "a/b/c.txt", "content", "héllo\n"));

    assertThat(result).isEqualTo(ToolResult.ok("created a/b/c.txt (7 bytes)"));
    assertThat(Files.readString(ws.resolve("a/b/c.txt"))).isEqualTo("héllo\n");
  }

  @Test
  void writeReplacesExistingFileAndLeavesNoTempFiles() throws Exception {
    Files.writeString(ws.resolve("f.txt"), "old");

    ToolResult result = run(new WriteTool(config), ws, args("path", "f.txt", "content", "new"));

    assertThat(result.text()).startsWith("overwrote f.txt");
    assertThat(Files.readString(ws.resolve("f.txt"))).isEqualTo("new");
    try (var files = Files.list(ws)) {
      assertThat(files.map(p -> p.getFileName().toString())).containsExactly("f.txt");
    }
  }

  @Test
  void writeThroughSymlinkOutsideIsRefusedAndCreatesNothing() throws Exception {
    Files.createSymbolicLink(ws.resolve("evil.txt"), outside.resolve("planted.txt"));

    ToolResult result = run(new WriteTool(config), ws, args("path", "evil.txt", "content", "x"));

    assertThat(failureCode(result)).isEqualTo(ToolErrorCode.PATH_OUTSIDE_WORKSPACE);
    assertThat(outside.resolve("planted.txt")).doesNotExist();
  }

  @Test
  void writeRejectsContentOverTheCap() {
    var small = new CodingToolsConfig(100, 10, 1000, 1000, 100, 10);
    ToolResult result =
        run(new WriteTool(small), ws, args("path", "f.txt", "content", "01234567890"));
    assertThat(failureCode(result)).isEqualTo(ToolErrorCode.TOO_LARGE);
  }

  @Test
  void missingArgumentIsInvalidArgumentsNamingTheField() {
    ToolResult result = run(new WriteTool(config), ws, args("path", "f.txt"));

    assertThat(failureCode(result)).isEqualTo(ToolErrorCode.INVALID_ARGUMENTS);
    assertThat(result.text()).contains("'content'");
  }

  @Test
  void wrongArgumentTypeIsInvalidArgumentsNamingTheField() {
    ToolResult result = run(new ReadTool(config), ws, args("path", "f.txt", "offset", "two"));

    assertThat(failureCode(result)).isEqualTo(ToolErrorCode.INVALID_ARGUMENTS);
    assertThat(result.text()).contains("'offset'").contains("integer");
  }

  @Test
  void readReturnsTheExactText() throws Exception {
    Files.writeString(ws.resolve("f.txt"), "one\ntwo\r\nthree");

    assertThat(run(new ReadTool(config), ws, args("path", "f.txt")))
        .isEqualTo(ToolResult.ok("one\ntwo\r\nthree"));
  }

  @Test
  void readHonoursOffsetAndLimitAndSaysHowToContinue() throws Exception {
    Files.writeString(ws.resolve("f.txt"), "1\n2\n3\n4\n5\n");

    ToolResult result =
        run(new ReadTool(config), ws, args("path", "f.txt", "offset", 2, "limit", 2));

    assertThat(result.text()).isEqualTo("2\n3\n\n[more lines follow; continue with offset=4]");
  }

  @Test
  void readStopsAtTheByteCapWithANote() throws Exception {
    Files.writeString(ws.resolve("big.txt"), "aaaa\n".repeat(100));
    var capped = CodingToolsConfig.DEFAULTS.withMaxReadBytes(12);

    ToolResult result = run(new ReadTool(capped), ws, args("path", "big.txt"));

    assertThat(result.text())
        .isEqualTo("aaaa\naaaa\n\n[output truncated at 12 bytes; continue with offset=3]");
  }

  @Test
  // a separate thread, so a read blocked in open() still fails the test instead of hanging it
  @Timeout(value = 30, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
  void readAndEditRefuseAFifoInsteadOfWaitingForAWriter() throws Exception {
    Path fifo = mkfifo(ws.resolve("pipe"));

    ToolResult read = run(new ReadTool(config), ws, args("path", "pipe"));
    ToolResult edit =
        run(new EditTool(config), ws, args("path", "pipe", "old_text", "a", "new_text", "b"));

    for (ToolResult result : new ToolResult[] {read, edit}) {
      assertThat(failureCode(result)).isEqualTo(ToolErrorCode.INVALID_ARGUMENTS);
      assertThat(result.text())
          .isEqualTo(
              "path 'pipe' is not a regular file (a FIFO, socket or device); only regular files"
                  + " can be read or edited");
    }
    assertThat(fifo).exists();
  }

  @Test
  void editOfADirectoryIsInvalidArguments() throws Exception {
    Files.createDirectories(ws.resolve("dir"));

    ToolResult result =
        run(new EditTool(config), ws, args("path", "dir", "old_text", "a", "new_text", "b"));

    assertThat(failureCode(result)).isEqualTo(ToolErrorCode.INVALID_ARGUMENTS);
    assertThat(result.text()).isEqualTo("path 'dir' is a directory; use ls to list it");
  }

  /** Makes a named pipe with the system's mkfifo (the JDK cannot). */
  static Path mkfifo(Path path) throws Exception {
    Process process = new ProcessBuilder("mkfifo", path.toString()).inheritIO().start();
    assertThat(process.waitFor()).as("mkfifo exit code").isZero();
    return path;
  }

  @Test
  void readOfMissingFileIsNotFound() {
    assertThat(failureCode(run(new ReadTool(config), ws, args("path", "nope.txt"))))
        .isEqualTo(ToolErrorCode.NOT_FOUND);
  }

  @Test
  void readRefusesEscapes() throws Exception {
    Files.writeString(outside.resolve("secret.txt"), "s3cret");
    Files.createSymbolicLink(ws.resolve("link"), outside.resolve("secret.txt"));

    for (String path : new String[] {"../x", "/etc/passwd", "link"}) {
      ToolResult result = run(new ReadTool(config), ws, args("path", path));
      assertThat(failureCode(result)).as(path).isEqualTo(ToolErrorCode.PATH_OUTSIDE_WORKSPACE);
      assertThat(result.text()).doesNotContain("s3cret").doesNotContain("root:");
    }
  }

  @Test
  void editReplacesTextThatOccursExactlyOnce() throws Exception {
    Files.writeString(ws.resolve("f.txt"), "alpha\nbeta\ngamma\n");

    ToolResult result =
        run(
            new EditTool(config),
            ws,
            args("path", "f.txt", "old_text", "beta", "new_text", "BETA"));

    assertThat(result).isEqualTo(ToolResult.ok("edited f.txt at line 2"));
    assertThat(Files.readString(ws.resolve("f.txt"))).isEqualTo("alpha\nBETA\ngamma\n");
  }

  @Test
  void editWithNoMatchFailsWithCountZeroAndLeavesFileAlone() throws Exception {
    Files.writeString(ws.resolve("f.txt"), "alpha\n");

    ToolResult result =
        run(new EditTool(config), ws, args("path", "f.txt", "old_text", "Alpha", "new_text", "x"));

    assertThat(failureCode(result)).isEqualTo(ToolErrorCode.EDIT_MISMATCH);
    assertThat(result.text()).contains("matched 0 times");
    assertThat(Files.readString(ws.resolve("f.txt"))).isEqualTo("alpha\n");
  }

  @Test
  void editWithSeveralMatchesFailsWithTheCountAndLeavesFileAlone() throws Exception {
    Files.writeString(ws.resolve("f.txt"), "x = 1;\nx = 1;\nx = 1;\n");

    ToolResult result =
        run(new EditTool(config), ws, args("path", "f.txt", "old_text", "x = 1;", "new_text", "y"));

    assertThat(failureCode(result)).isEqualTo(ToolErrorCode.EDIT_MISMATCH);
    assertThat(result.text()).contains("matched 3 times");
    assertThat(Files.readString(ws.resolve("f.txt"))).isEqualTo("x = 1;\nx = 1;\nx = 1;\n");
  }

  @Test
  void editCountsOverlappingMatchesAsAmbiguous() {
    assertThat(EditTool.countOccurrences("aaa", "aa")).isEqualTo(2);
  }

  @Test
  void editRejectsEmptyOldText() throws Exception {
    Files.writeString(ws.resolve("f.txt"), "abc");
    ToolResult result =
        run(new EditTool(config), ws, args("path", "f.txt", "old_text", "", "new_text", "x"));
    assertThat(failureCode(result)).isEqualTo(ToolErrorCode.INVALID_ARGUMENTS);
    assertThat(result.text()).contains("'old_text'");
  }

  static ToolErrorCode failureCode(ToolResult result) {
    assertThat(result).as(result.text()).isInstanceOf(ToolResult.Failed.class);
    return ((ToolResult.Failed) result).code();
  }
}
