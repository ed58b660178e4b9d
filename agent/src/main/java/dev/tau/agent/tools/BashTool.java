package dev.tau.agent.tools;

import dev.tau.core.tool.ToolContext;
import dev.tau.core.tool.ToolErrorCode;
import dev.tau.core.tool.ToolResult;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import tools.jackson.databind.JsonNode;

/**
 * {@code bash}: runs a command with {@code bash -c} in the workspace directory. stdout and stderr
 * are merged and capped (head and tail kept, with a note). A timeout or a cancellation kills the
 * whole process tree, and so does output past {@value #HARD_LIMIT_FACTOR} times {@code
 * maxOutputBytes} ({@code TOO_LARGE}). A non-zero exit code fails with {@code COMMAND_FAILED} and
 * the output.
 */
public final class BashTool extends CodingTool {
  /** How much output a running command may write before it is stopped, per byte returned. */
  static final int HARD_LIMIT_FACTOR = 64;

  // At ~2 GB/s a command writes at most some tens of MB past the limit between two checks.
  private static final long WATCH_INTERVAL_NANOS = TimeUnit.MILLISECONDS.toNanos(10);

  private final long defaultTimeoutMs;
  private final long maxTimeoutMs;
  private final int maxOutputBytes;
  private final long hardOutputLimit;

  public BashTool(CodingToolsConfig config) {
    super(
        "bash",
        "Run a shell command with bash in the workspace directory. Returns the combined stdout"
            + " and stderr and the exit code. Long output is shortened.",
        Schema.object()
            .string("command", "The bash command line to run", true)
            .integer(
                "timeout_ms",
                "Time limit in milliseconds (default "
                    + config.bashTimeoutMs()
                    + ", at most "
                    + config.maxBashTimeoutMs()
                    + ")",
                false));
    this.defaultTimeoutMs = config.bashTimeoutMs();
    this.maxTimeoutMs = config.maxBashTimeoutMs();
    this.maxOutputBytes = config.maxOutputBytes();
    this.hardOutputLimit = (long) HARD_LIMIT_FACTOR * config.maxOutputBytes();
  }

  @Override
  ToolResult run(JsonNode args, Workspace workspace, ToolContext context) throws IOException {
    String command = Args.string(args, "command");
    if (command.isBlank()) {
      throw ToolFailure.invalid("command", "must not be blank");
    }
    long timeoutMs = Args.integer(args, "timeout_ms", defaultTimeoutMs, 1, maxTimeoutMs);
    context.cancellation().throwIfCancelled();

    // Output goes to a file, not a pipe: a background child that keeps the pipe open cannot
    // block us, and the head and tail of huge output can be read without holding it in memory.
    Path output = Files.createTempFile("tau-bash-", ".out");
    try {
      ProcessBuilder builder =
          new ProcessBuilder("bash", "-c", command)
              .directory(workspace.root().toFile())
              .redirectErrorStream(true)
              .redirectOutput(output.toFile())
              .redirectInput(ProcessBuilder.Redirect.from(devNull()));
      Process process;
      try {
        process = builder.start();
      } catch (IOException e) {
        throw new ToolFailure(ToolErrorCode.IO_ERROR, "cannot start bash: " + e.getMessage());
      }
      // Cancelling kills the tree at once, which also ends the wait below.
      AutoCloseable unregister = context.cancellation().onCancel(() -> killTree(process));
      Ending ending;
      try {
        ending = watch(process, output, timeoutMs);
      } catch (InterruptedException e) {
        killTree(process);
        Thread.currentThread().interrupt();
        return ToolResult.failed(ToolErrorCode.CANCELLED, "interrupted; the command was killed");
      } finally {
        unregister(unregister);
      }
      if (ending == Ending.OUTPUT_LIMIT) {
        killTree(process);
        awaitExit(process);
        return ToolResult.failed(
            ToolErrorCode.TOO_LARGE,
            "command stopped: its output passed the limit of "
                + hardOutputLimit
                + " bytes, so the output was cut and the process tree was killed (send large"
                + " output to a file and read parts of it)\n"
                + capped(output));
      }
      if (ending == Ending.TIMED_OUT || context.cancellation().isCancelled()) {
        killTree(process);
        awaitExit(process);
        String text = capped(output);
        if (context.cancellation().isCancelled()) {
          return ToolResult.failed(
              ToolErrorCode.CANCELLED, "cancelled; the command was killed\n" + text);
        }
        return ToolResult.failed(
            ToolErrorCode.TIMEOUT,
            "command timed out after " + timeoutMs + " ms and was killed\n" + text);
      }
      int exit = process.exitValue();
      String text = capped(output) + "\n[exit code " + exit + "]";
      return exit == 0
          ? ToolResult.ok(text)
          : ToolResult.failed(ToolErrorCode.COMMAND_FAILED, text);
    } finally {
      Files.deleteIfExists(output);
    }
  }

  private enum Ending {
    EXITED,
    TIMED_OUT,
    OUTPUT_LIMIT
  }

  /**
   * Waits for the process to exit, checking the output file as it grows: the cap on what is read
   * back does not stop a command like {@code cat /dev/zero} from filling the disk before its
   * timeout.
   */
  private Ending watch(Process process, Path output, long timeoutMs)
      throws InterruptedException, IOException {
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
    while (true) {
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        return process.isAlive() ? Ending.TIMED_OUT : Ending.EXITED;
      }
      if (process.waitFor(Math.min(left, WATCH_INTERVAL_NANOS), TimeUnit.NANOSECONDS)) {
        return Ending.EXITED;
      }
      if (Files.size(output) > hardOutputLimit) {
        return Ending.OUTPUT_LIMIT;
      }
    }
  }

  /** Kills the process and every descendant, children first seen before the parent dies. */
  private static void killTree(Process process) {
    List<ProcessHandle> tree = new ArrayList<>();
    process.toHandle().descendants().forEach(tree::add);
    process.destroyForcibly();
    tree.forEach(ProcessHandle::destroyForcibly);
  }

  private static void unregister(AutoCloseable handle) {
    try {
      handle.close();
    } catch (Exception e) {
      // Unregistering only removes a list entry; there is nothing to recover.
    }
  }

  private static void awaitExit(Process process) {
    try {
      process.waitFor(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** The output, whole if small, otherwise its head and tail with a note of what was left out. */
  private String capped(Path output) throws IOException {
    try (FileChannel channel = FileChannel.open(output, StandardOpenOption.READ)) {
      long size = channel.size();
      if (size == 0) {
        return "(no output)";
      }
      if (size <= maxOutputBytes) {
        return read(channel, 0, (int) size);
      }
      int half = maxOutputBytes / 2;
      String head = read(channel, 0, half);
      String tail = read(channel, size - half, half);
      return head
          + "\n[output truncated: "
          + (size - 2L * half)
          + " of "
          + size
          + " bytes omitted]\n"
          + tail;
    }
  }

  private static String read(FileChannel channel, long position, int length) throws IOException {
    ByteBuffer buffer = ByteBuffer.allocate(length);
    while (buffer.hasRemaining()) {
      if (channel.read(buffer, position + buffer.position()) < 0) {
        break;
      }
    }
    buffer.flip();
    return StandardCharsets.UTF_8.decode(buffer).toString();
  }

  private static java.io.File devNull() {
    return new java.io.File(
        System.getProperty("os.name").startsWith("Windows") ? "NUL" : "/dev/null");
  }
}
