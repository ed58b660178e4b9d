package dev.tau.channels.ingress;

import dev.tau.channels.Transport;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Reads the live-ingress inbox ({@code <dir>/telegram.ndjson}, {@code discord.ndjson}, {@code
 * whatsapp.ndjson}; missing files are skipped). Files are read, never truncated: dedupe is the
 * runner's job (processed event keys). Bad lines come back as {@link InboxLine.Invalid} values and
 * reading continues with the next line.
 */
public final class InboxReader {
  private final ChannelNormalizer normalizer;

  public InboxReader(ChannelNormalizer normalizer) {
    this.normalizer = normalizer;
  }

  /** The inbox file of one transport. */
  public static Path inboxFile(Path dir, Transport transport) {
    return dir.resolve(transport.wire() + ".ndjson");
  }

  /** Every line of every inbox file in transport order. */
  public List<InboxLine> readInbox(Path dir) {
    List<InboxLine> out = new ArrayList<>();
    for (Transport transport : Transport.values()) {
      Path file = inboxFile(dir, transport);
      if (Files.isRegularFile(file)) {
        read(file, transport, out::add);
      }
    }
    return out;
  }

  /**
   * Streams one inbox file's non-blank lines to {@code sink}.
   *
   * @throws UncheckedIOException when the file cannot be read
   */
  public void read(Path file, Transport expected, Consumer<InboxLine> sink) {
    try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      String text;
      long number = 0;
      while ((text = reader.readLine()) != null) {
        number++;
        if (text.isBlank()) {
          continue;
        }
        sink.accept(classify(file, number, expected, normalizer.normalizeLine(text)));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read live ingress file " + file, e);
    }
  }

  /** Longest inbox line read; a longer one is skipped as invalid without being held in memory. */
  public static final int MAX_LINE_BYTES = 4 * 1024 * 1024;

  /** One inbox line and the byte range {@code [start, end)} it takes in its file. */
  public record Positioned(InboxLine line, long start, long end) {}

  /**
   * What {@link #readFrom} read from one file.
   *
   * @param lines the non-blank complete lines, in file order
   * @param end the offset just after the last complete line read (blank ones included)
   * @param lineNumber the number of the last complete line read
   * @param more whether the line limit stopped the read before the end of the complete lines
   */
  public record Slice(List<Positioned> lines, long end, long lineNumber, boolean more) {}

  /**
   * Reads the complete lines of {@code file} from byte {@code offset} (whose line number is {@code
   * lineNumber + 1}), at most {@code maxLines} non-blank ones, in bounded chunks. A last line
   * without its newline is left for a later read: it may be an append still in progress. A line
   * longer than {@link #MAX_LINE_BYTES} comes back as {@link InboxLine.Invalid}.
   *
   * @throws UncheckedIOException when the file cannot be read
   */
  public Slice readFrom(Path file, Transport expected, long offset, long lineNumber, int maxLines) {
    List<Positioned> lines = new ArrayList<>();
    long end = offset;
    long number = lineNumber;
    boolean more = false;
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
      ByteBuffer chunk = ByteBuffer.allocate(64 * 1024);
      ByteArrayOutputStream current = new ByteArrayOutputStream();
      boolean oversize = false;
      long position = offset;
      reading:
      while (true) {
        chunk.clear();
        int read = channel.read(chunk, position);
        if (read <= 0) {
          break;
        }
        byte[] bytes = chunk.array();
        for (int i = 0; i < read; i++) {
          if (bytes[i] != '\n') {
            if (oversize) {
              continue;
            }
            if (current.size() >= MAX_LINE_BYTES) {
              oversize = true;
              current.reset();
            } else {
              current.write(bytes[i]);
            }
            continue;
          }
          long lineEnd = position + i + 1;
          number++;
          InboxLine line = null;
          if (oversize) {
            line =
                new InboxLine.Invalid(
                    file,
                    number,
                    IngressReason.INVALID_JSON,
                    "line longer than " + MAX_LINE_BYTES + " bytes");
          } else {
            String text = current.toString(StandardCharsets.UTF_8);
            if (!text.isBlank()) {
              line = classify(file, number, expected, normalizer.normalizeLine(text.strip()));
            }
          }
          if (line != null) {
            lines.add(new Positioned(line, end, lineEnd));
          }
          current.reset();
          oversize = false;
          end = lineEnd;
          if (lines.size() >= maxLines) {
            more = end < channel.size();
            break reading;
          }
        }
        position += read;
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read live ingress file " + file, e);
    }
    return new Slice(List.copyOf(lines), end, number, more);
  }

  private static InboxLine classify(Path file, long line, Transport expected, Normalization n) {
    return switch (n) {
      case Normalization.Rejected r -> new InboxLine.Invalid(file, line, r.reason(), r.detail());
      case Normalization.Normalized ok ->
          ok.event().transport() == expected
              ? new InboxLine.Accepted(file, line, ok.event())
              : new InboxLine.TransportMismatch(file, line, expected, ok.event().transport());
    };
  }
}
