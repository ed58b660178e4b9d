package dev.tau.channels.runtime;

import dev.tau.core.json.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import tools.jackson.databind.JsonNode;

/**
 * Appends whole JSON lines to an append-only log ({@code runtime-events.jsonl}, {@code
 * route-traces.jsonl}) in one write, forced to disk. The file is opened in append mode ({@code
 * O_APPEND}), so the system puts every write at the end of the file as it is then: two processes
 * appending at once (the runner and a one-shot command) never write over each other's lines. A line
 * torn by a crash is ended with a newline before the next append, so readers skip only the torn
 * line.
 */
public final class JsonlAppender {
  private static final java.util.concurrent.ConcurrentHashMap<Path, Object> LOCKS =
      new java.util.concurrent.ConcurrentHashMap<>();

  private JsonlAppender() {}

  /** Appends {@code line} as one compact JSON line. */
  public static void append(Path file, JsonNode line) {
    appendLine(file, Json.write(line));
  }

  /**
   * Appends one line of text (without its newline).
   *
   * @throws UncheckedIOException when the file cannot be written
   */
  public static void appendLine(Path file, String text) {
    appendLine(file, text, true);
  }

  /**
   * Appends one line of text (without its newline); with {@code force} false the line is written
   * but not forced, and the caller forces the file ({@link #force(Path)}) before it relies on it.
   *
   * @throws UncheckedIOException when the file cannot be written
   */
  public static void appendLine(Path file, String text, boolean force) {
    try {
      Files.createDirectories(file.toAbsolutePath().getParent());
      // the torn-line check and the write are one step: another writer's line in flight must not
      // look torn. One JVM lock per file (FileLock is per process) plus the file lock between
      // processes.
      synchronized (LOCKS.computeIfAbsent(file.toAbsolutePath().normalize(), k -> new Object())) {
        try (FileChannel channel =
                FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            java.nio.channels.FileLock lock = channel.lock()) {
          String prefix = endsTorn(file) ? "\n" : "";
          // one buffer, one write: with O_APPEND the whole line lands at the end as one piece
          ByteBuffer bytes =
              ByteBuffer.wrap((prefix + text + "\n").getBytes(StandardCharsets.UTF_8));
          while (bytes.hasRemaining()) {
            channel.write(bytes);
          }
          if (force) {
            channel.force(false);
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot append to " + file, e);
    }
  }

  /** Whether the file's last byte is not a newline (a line torn by a crash). */
  private static boolean endsTorn(Path file) throws IOException {
    if (!Files.exists(file)) {
      return false;
    }
    try (FileChannel reader = FileChannel.open(file, StandardOpenOption.READ)) {
      long size = reader.size();
      if (size == 0) {
        return false;
      }
      ByteBuffer last = ByteBuffer.allocate(1);
      reader.read(last, size - 1);
      return last.get(0) != '\n';
    }
  }

  /**
   * Forces the lines written to {@code file} to disk (a missing file has nothing to force).
   *
   * @throws UncheckedIOException when the file cannot be forced
   */
  public static void force(Path file) {
    if (!Files.exists(file)) {
      return;
    }
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
      channel.force(false);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot force " + file, e);
    }
  }
}
