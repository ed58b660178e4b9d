package dev.tau.channels.ingress;

import dev.tau.channels.Transport;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
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
