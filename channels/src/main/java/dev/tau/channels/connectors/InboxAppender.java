package dev.tau.channels.connectors;

import dev.tau.channels.Transport;
import dev.tau.channels.ingress.ChannelNormalizer;
import dev.tau.channels.ingress.InboxLine;
import dev.tau.channels.ingress.InboxReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashSet;
import java.util.SequencedSet;

/**
 * Appends envelope lines to {@code <ingest-dir>/<transport>.ndjson}, each in one write forced to
 * disk. It remembers the event keys already in the inbox files (read once when opened), so an event
 * the state file lost track of, say after a crash between the append and the state save, is still
 * not appended twice. Only the newest {@link #REMEMBERED_KEYS} keys are kept: this is the second
 * guard (the state's processed keys and offsets are the first), and memory must not grow with every
 * event ever received.
 */
final class InboxAppender {
  /** Event keys remembered by default. */
  static final int REMEMBERED_KEYS = 100_000;

  private final Path dir;
  private final int remembered;
  private final SequencedSet<String> onDisk = new LinkedHashSet<>();

  private InboxAppender(Path dir, int remembered) {
    this.dir = dir;
    this.remembered = remembered;
  }

  /**
   * Creates the directory if needed and indexes the event keys of its inbox files.
   *
   * @throws ConnectorStateException when the directory or a file cannot be read or created
   */
  static InboxAppender open(Path dir, ChannelNormalizer normalizer) {
    return open(dir, normalizer, REMEMBERED_KEYS);
  }

  /** As {@link #open(Path, ChannelNormalizer)}, remembering at most {@code remembered} keys. */
  static InboxAppender open(Path dir, ChannelNormalizer normalizer, int remembered) {
    InboxAppender appender = new InboxAppender(dir, remembered);
    try {
      Files.createDirectories(dir);
      for (InboxLine line : new InboxReader(normalizer).readInbox(dir)) {
        if (line instanceof InboxLine.Accepted accepted) {
          appender.remember(accepted.event().eventKey());
        }
      }
    } catch (IOException | UncheckedIOException e) {
      throw new ConnectorStateException("cannot open live ingest dir " + dir + ": " + e, e);
    }
    return appender;
  }

  boolean contains(String eventKey) {
    return onDisk.contains(eventKey);
  }

  /**
   * Appends one line for {@code eventKey}.
   *
   * @throws ConnectorStateException when the file cannot be written
   */
  void append(Transport transport, String eventKey, String line) {
    Path file = InboxReader.inboxFile(dir, transport);
    byte[] bytes = (line + "\n").getBytes(StandardCharsets.UTF_8);
    try (FileChannel ch =
        FileChannel.open(
            file, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND)) {
      long size = ch.size();
      if (size > 0 && !endsWithNewline(file, size)) {
        // a line torn by a crash: end it so this one stays readable on its own
        ch.write(ByteBuffer.wrap(new byte[] {'\n'}));
      }
      ByteBuffer buffer = ByteBuffer.wrap(bytes);
      while (buffer.hasRemaining()) {
        ch.write(buffer);
      }
      ch.force(false);
    } catch (IOException e) {
      throw new ConnectorStateException("cannot append to live ingest file " + file + ": " + e, e);
    }
    remember(eventKey);
  }

  private void remember(String eventKey) {
    onDisk.remove(eventKey);
    onDisk.add(eventKey);
    while (onDisk.size() > remembered) {
      onDisk.removeFirst();
    }
  }

  private static boolean endsWithNewline(Path file, long size) throws IOException {
    try (FileChannel reader = FileChannel.open(file, StandardOpenOption.READ)) {
      ByteBuffer last = ByteBuffer.allocate(1);
      reader.read(last, size - 1);
      return last.get(0) == '\n';
    }
  }
}
