package dev.tau.agent.tools;

import static dev.tau.agent.tools.FileToolsTest.failureCode;
import static dev.tau.agent.tools.ToolTesting.args;
import static dev.tau.agent.tools.ToolTesting.run;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tau.core.provider.Cancellation;
import dev.tau.core.tool.ToolErrorCode;
import dev.tau.core.tool.ToolResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

// The timeouts only guard against a hang (a kill that did not happen); nothing asserts speed.
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class BashToolTest {
  @TempDir Path ws;
  final BashTool bash = new BashTool(CodingToolsConfig.DEFAULTS);

  @Test
  void runsInTheWorkspaceAndReportsTheExitCode() throws Exception {
    ToolResult result = run(bash, ws, args("command", "pwd; echo to-stderr >&2"));

    assertThat(result).isEqualTo(ToolResult.ok(ws.toRealPath() + "\nto-stderr\n\n[exit code 0]"));
  }

  @Test
  void nonZeroExitIsCommandFailedWithTheOutput() {
    ToolResult result = run(bash, ws, args("command", "echo oops; exit 3"));

    assertThat(failureCode(result)).isEqualTo(ToolErrorCode.COMMAND_FAILED);
    assertThat(result.text()).isEqualTo("oops\n\n[exit code 3]");
  }

  @Test
  void timeoutKillsTheWholeProcessTree() throws Exception {
    ToolResult result =
        run(
            bash,
            ws,
            args(
                "command",
                "sleep 600 & echo $! > child.pid; echo started; wait",
                "timeout_ms",
                500));

    assertThat(failureCode(result)).isEqualTo(ToolErrorCode.TIMEOUT);
    assertThat(result.text()).startsWith("command timed out after 500 ms").contains("started");
    assertProcessEnds(Files.readString(ws.resolve("child.pid")).strip());
  }

  @Test
  void cancellationKillsTheRunningCommand() throws Exception {
    Cancellation cancel = new Cancellation();
    CompletableFuture<ToolResult> running =
        CompletableFuture.supplyAsync(
            () -> run(bash, ws, args("command", "sleep 600 & echo $! > child.pid; wait"), cancel));
    Path pidFile = ws.resolve("child.pid");
    while (!Files.exists(pidFile) || Files.readString(pidFile).isBlank()) {
      Thread.sleep(10);
    }

    cancel.cancel();

    ToolResult result = running.get();
    assertThat(failureCode(result)).isEqualTo(ToolErrorCode.CANCELLED);
    assertProcessEnds(Files.readString(pidFile).strip());
  }

  @Test
  void longOutputKeepsHeadAndTailWithANote() {
    BashTool small = new BashTool(CodingToolsConfig.DEFAULTS.withMaxOutputBytes(100));

    ToolResult result =
        run(
            small,
            ws,
            args("command", "echo START; head -c 5000 /dev/zero | tr '\\0' x; echo; echo END"));

    assertThat(result.text())
        .startsWith("START\nxxx")
        .contains("[output truncated: 4911 of 5011 bytes omitted]")
        .endsWith("xxx\nEND\n\n[exit code 0]");
  }

  @Test
  void outputPastTheHardLimitStopsTheCommandWhileItRuns() throws Exception {
    // 64 × 100 bytes may be written; 20 MB are, then the command would sleep until its timeout.
    BashTool small = new BashTool(CodingToolsConfig.DEFAULTS.withMaxOutputBytes(100));

    ToolResult result =
        run(
            small,
            ws,
            args(
                "command",
                "sleep 600 & echo $! > child.pid; head -c 20000000 /dev/zero | tr '\\0' x; wait",
                "timeout_ms",
                45_000));

    assertThat(failureCode(result)).isEqualTo(ToolErrorCode.TOO_LARGE);
    assertThat(result.text())
        .startsWith(
            "command stopped: its output passed the limit of 6400 bytes, so the output was cut"
                + " and the process tree was killed")
        .contains("xxxxx")
        .containsPattern("\\[output truncated: \\d+ of \\d+ bytes omitted\\]");
    assertProcessEnds(Files.readString(ws.resolve("child.pid")).strip());
  }

  @Test
  void backgroundChildHoldingOutputOpenDoesNotBlockTheResult() throws Exception {
    ToolResult result =
        run(bash, ws, args("command", "(sleep 600 & echo $! > orphan.pid) ; echo done"));

    assertThat(result.text()).isEqualTo("done\n\n[exit code 0]");
    String orphan = Files.readString(ws.resolve("orphan.pid")).strip();
    ProcessHandle.of(Long.parseLong(orphan)).ifPresent(ProcessHandle::destroyForcibly);
  }

  @Test
  void timeoutOutsideTheAllowedRangeIsInvalidArgumentsNamingTheField() {
    ToolResult result = run(bash, ws, args("command", "true", "timeout_ms", 0));

    assertThat(failureCode(result)).isEqualTo(ToolErrorCode.INVALID_ARGUMENTS);
    assertThat(result.text()).contains("'timeout_ms'");
  }

  @Test
  void missingCommandIsInvalidArgumentsNamingTheField() {
    ToolResult result = run(bash, ws, args());

    assertThat(failureCode(result)).isEqualTo(ToolErrorCode.INVALID_ARGUMENTS);
    assertThat(result.text()).contains("'command'");
  }

  /** Waits until the process is gone or a zombie (PID 1 in a container may never reap it). */
  static void assertProcessEnds(String pid) throws Exception {
    Path stat = Path.of("/proc", pid, "stat");
    for (int i = 0; i < 3000; i++) {
      if (!Files.exists(stat)) {
        return;
      }
      String text = Files.readString(stat);
      String state = text.substring(text.lastIndexOf(')') + 2, text.lastIndexOf(')') + 3);
      if (state.equals("Z") || state.equals("X")) {
        return;
      }
      Thread.sleep(10);
    }
    throw new AssertionError("process " + pid + " is still running");
  }
}
