package dev.tau.llm.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.booleans;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;
import static org.quicktheories.generators.SourceDSL.longs;

import dev.tau.core.provider.ProviderException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

class SseParserTest {

  private static List<SseEvent> parseAll(InputStream in) throws IOException {
    SseParser parser = new SseParser(in, "test");
    List<SseEvent> events = new ArrayList<>();
    for (Optional<SseEvent> e = parser.next(); e.isPresent(); e = parser.next()) {
      events.add(e.get());
    }
    return events;
  }

  private static List<SseEvent> parseAll(String text) throws IOException {
    return parseAll(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void readsNamedEventsWithJsonData() throws IOException {
    List<SseEvent> events =
        parseAll("event: message_start\ndata: {\"a\":1}\n\nevent: ping\ndata: {}\n\n");

    assertThat(events)
        .containsExactly(
            new SseEvent("message_start", "{\"a\":1}", ""), new SseEvent("ping", "{}", ""));
  }

  @Test
  void joinsMultiLineDataWithNewlines() throws IOException {
    assertThat(parseAll("data: first\ndata:second\ndata:  third\n\n"))
        .containsExactly(SseEvent.message("first\nsecond\n third"));
  }

  @Test
  void skipsCommentsAndKeepsTheLastEventId() throws IOException {
    List<SseEvent> events =
        parseAll(": keep-alive\nid: 7\ndata: a\n\n: another comment\ndata: b\n\n");

    assertThat(events)
        .containsExactly(new SseEvent("message", "a", "7"), new SseEvent("message", "b", "7"));
  }

  @Test
  void acceptsCrLfCrAndLfLineEndsAndALeadingByteOrderMark() throws IOException {
    assertThat(parseAll("\uFEFFdata: a\r\n\r\ndata: b\r\rdata: c\n\n"))
        .containsExactly(SseEvent.message("a"), SseEvent.message("b"), SseEvent.message("c"));
  }

  @Test
  void readsTheRetryFieldAndIgnoresABadOne() throws IOException {
    SseParser parser =
        new SseParser(
            new ByteArrayInputStream("retry: 1500\n\nretry: soon\ndata: x\n\n".getBytes()), "t");

    assertThat(parser.next()).contains(SseEvent.message("x"));
    assertThat(parser.retryMillis()).hasValue(1500);
  }

  @Test
  void eventWithoutDataIsNotDispatched() throws IOException {
    assertThat(parseAll("event: lonely\n\ndata: real\n\n"))
        .containsExactly(SseEvent.message("real"));
  }

  @Test
  void dataFieldWithoutColonIsAnEmptyLine() throws IOException {
    assertThat(parseAll("data\ndata\n\n")).containsExactly(SseEvent.message("\n"));
  }

  @Test
  void anUnfinishedLastEventIsDropped() throws IOException {
    assertThat(parseAll("data: done\n\ndata: half")).containsExactly(SseEvent.message("done"));
    assertThat(parseAll("data: done\n\ndata: half\n")).containsExactly(SseEvent.message("done"));
  }

  @Test
  void aLineThatIsNotAnSseFieldIsAProtocolError() {
    assertThatThrownBy(() -> parseAll("data: ok\n\n<html>502 Bad Gateway</html>\n\n"))
        .isInstanceOf(ProviderException.ProtocolError.class)
        .hasMessageContaining("malformed event stream line")
        .hasMessageContaining("<html>");
  }

  @Test
  void bytesThatAreNotUtf8AreAProtocolError() {
    byte[] bad = {'d', 'a', 't', 'a', ':', ' ', (byte) 0xC3, (byte) 0x28, '\n', '\n'};

    assertThatThrownBy(() -> parseAll(new ByteArrayInputStream(bad)))
        .isInstanceOf(ProviderException.ProtocolError.class)
        .hasMessageContaining("not UTF-8");
  }

  @Test
  void invalidJsonDataIsAProtocolErrorNamingTheEvent() {
    SseEvent event = new SseEvent("response.output_text.delta", "{\"delta\": ", "");

    assertThatThrownBy(() -> SseParser.json("openai", event))
        .isInstanceOf(ProviderException.ProtocolError.class)
        .hasMessageContaining("invalid JSON")
        .hasMessageContaining("response.output_text.delta");
  }

  @Test
  void anEmptyStreamHasNoEvents() throws IOException {
    assertThat(parseAll("")).isEmpty();
  }

  // ---- property: chunking never changes what is parsed ----

  /** An event as the property test generates it; {@code type} empty means the default. */
  record Spec(String type, List<String> dataLines, boolean comment) {
    SseEvent expected() {
      return new SseEvent(type.isEmpty() ? "message" : type, String.join("\n", dataLines), "");
    }

    String wire(String eol) {
      StringBuilder out = new StringBuilder();
      if (comment) {
        out.append(": keep-alive").append(eol);
      }
      if (!type.isEmpty()) {
        out.append("event: ").append(type).append(eol);
      }
      for (String line : dataLines) {
        out.append("data: ").append(line).append(eol);
      }
      return out.append(eol).toString();
    }
  }

  private static Gen<String> dataLine() {
    return lists()
        .of(
            Generate.pick(
                List.of("a", "Z", " ", ":", "data", "{\"x\":[1,2]}", "é", "€", "日本", "😀", "\t")))
        .ofSizeBetween(0, 6)
        .map(parts -> String.join("", parts));
  }

  private static Gen<Spec> spec() {
    Gen<String> type =
        Generate.pick(
            List.of("", "message", "response.output_text.delta", "ping", "content_block_delta"));
    Gen<List<String>> data = lists().of(dataLine()).ofSizeBetween(1, 3);
    return type.zip(data, booleans().all(), Spec::new);
  }

  @Test
  void arbitraryChunkingOfAValidStreamYieldsTheSameEvents() {
    qt().withExamples(400)
        .forAll(
            lists().of(spec()).ofSizeBetween(0, 8),
            Generate.pick(List.of("\n", "\r", "\r\n")),
            booleans().all(),
            longs().all())
        .checkAssert(
            (specs, eol, bom, seed) -> {
              StringBuilder wire = new StringBuilder(bom ? "\uFEFF" : "");
              specs.forEach(s -> wire.append(s.wire(eol)));
              byte[] bytes = wire.toString().getBytes(StandardCharsets.UTF_8);
              try {
                List<SseEvent> whole = parseAll(new ByteArrayInputStream(bytes));
                List<SseEvent> chunked = parseAll(new ChunkedInputStream(bytes, seed));
                assertThat(whole)
                    .containsExactlyElementsOf(specs.stream().map(Spec::expected).toList());
                assertThat(chunked).isEqualTo(whole);
              } catch (IOException e) {
                throw new AssertionError(e);
              }
            });
  }

  @Test
  void chunkSizesCoverSingleBytes() {
    qt().withExamples(50)
        .forAll(integers().between(1, 3))
        .checkAssert(
            size -> {
              byte[] bytes = "data: 😀\r\n\r\n".getBytes(StandardCharsets.UTF_8);
              try {
                assertThat(parseAll(new ChunkedInputStream(bytes, size)))
                    .containsExactly(SseEvent.message("😀"));
              } catch (IOException e) {
                throw new AssertionError(e);
              }
            });
  }

  /** Hands out the bytes in random small pieces, as a network does. */
  static final class ChunkedInputStream extends InputStream {
    private final byte[] bytes;
    private final SplittableRandom random;
    private int position;

    ChunkedInputStream(byte[] bytes, long seed) {
      this.bytes = bytes;
      this.random = new SplittableRandom(seed);
    }

    @Override
    public int read() {
      return position < bytes.length ? bytes[position++] & 0xFF : -1;
    }

    @Override
    public int read(byte[] target, int offset, int length) {
      if (position >= bytes.length) {
        return -1;
      }
      int n = Math.min(Math.min(length, 1 + random.nextInt(7)), bytes.length - position);
      System.arraycopy(bytes, position, target, offset, n);
      position += n;
      return n;
    }
  }
}
