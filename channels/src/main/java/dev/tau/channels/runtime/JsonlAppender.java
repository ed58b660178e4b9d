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
 * route-traces.jsonl}) in one write, forced to disk. A line torn by a crash is ended with a newline
 * before the next append, so readers skip only the torn line.
 */
public final class JsonlAppender {
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
      try (FileChannel channel =
          FileChannel.open(
              file, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.READ)) {
        long size = channel.size();
        String prefix = "";
        if (size > 0) {
          ByteBuffer last = ByteBuffer.allocate(1);
          channel.read(last, size - 1);
          if (last.get(0) != '\n') {
            prefix = "\n";
          }
        }
        ByteBuffer bytes = ByteBuffer.wrap((prefix + text + "\n").getBytes(StandardCharsets.UTF_8));
        long position = size;
        while (bytes.hasRemaining()) {
          position += channel.write(bytes, position);
        }
        if (force) {
          channel.force(false);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot append to " + file, e);
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
