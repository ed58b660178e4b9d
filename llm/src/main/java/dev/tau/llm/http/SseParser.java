package dev.tau.llm.http;

import dev.tau.core.json.Json;
import dev.tau.core.provider.ProviderException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import tools.jackson.databind.JsonNode;

/**
 * An incremental parser of a {@code text/event-stream} body (the WHATWG server-sent events format)
 * that reads only as much of the stream as the next event needs.
 *
 * <p>It understands the {@code event}, {@code data}, {@code id} and {@code retry} fields,
 * multi-line data, comment lines, a leading byte order mark, and CR, LF or CRLF line ends (also
 * when a CRLF is split across reads). It is stricter than a browser: a line with an unknown field
 * name, bytes that are not UTF-8, or an over-long line are reported as {@link
 * ProviderException.ProtocolError}, because a vendor stream never contains them and they mean
 * something other than an event stream is answering. As the format says, an event not finished by a
 * blank line at the end of the stream is dropped.
 *
 * <p>Not thread-safe: one parser reads one stream.
 */
public final class SseParser {
  /** The longest line accepted (vendors send whole JSON documents in one line). */
  public static final int MAX_LINE_BYTES = 16 * 1024 * 1024;

  private final InputStream in;
  private final String provider;
  private final byte[] buffer = new byte[8192];
  private int position;
  private int limit;
  private boolean eof;
  private boolean firstLine = true;
  private boolean skipLineFeed;
  private String lastEventId = "";
  private OptionalLong retry = OptionalLong.empty();

  /**
   * @param in the response body; the parser does not close it
   * @param provider the provider id named in errors
   */
  public SseParser(InputStream in, String provider) {
    this.in = Objects.requireNonNull(in, "in");
    this.provider = Objects.requireNonNull(provider, "provider");
  }

  /**
   * Reads up to the next complete event.
   *
   * @return the event, or empty at the end of the stream
   * @throws ProviderException.ProtocolError when the bytes are not a valid event stream
   * @throws IOException when reading the body fails
   */
  public Optional<SseEvent> next() throws IOException {
    String eventType = "";
    StringBuilder data = null;
    while (true) {
      String line = readLine();
      if (line == null) {
        return Optional.empty();
      }
      if (line.isEmpty()) {
        if (data != null) {
          return Optional.of(
              new SseEvent(
                  eventType.isEmpty() ? "message" : eventType, data.toString(), lastEventId));
        }
        eventType = "";
        continue;
      }
      if (line.charAt(0) == ':') {
        continue;
      }
      int colon = line.indexOf(':');
      String field = colon < 0 ? line : line.substring(0, colon);
      String value = colon < 0 ? "" : line.substring(colon + 1);
      if (value.startsWith(" ")) {
        value = value.substring(1);
      }
      switch (field) {
        case "event" -> eventType = value;
        case "data" -> {
          if (data == null) {
            data = new StringBuilder(value);
          } else {
            data.append('\n').append(value);
          }
        }
        case "id" -> {
          if (value.indexOf('\0') < 0) {
            lastEventId = value;
          }
        }
        case "retry" -> {
          if (!value.isEmpty() && value.chars().allMatch(c -> c >= '0' && c <= '9')) {
            try {
              retry = OptionalLong.of(Long.parseLong(value));
            } catch (NumberFormatException tooLarge) {
              // a retry time beyond a long is ignored, as the format says for bad values
            }
          }
        }
        default -> throw malformed("malformed event stream line: " + abbreviate(line));
      }
    }
  }

  /** The reconnection time the stream asked for, if it sent a {@code retry} field. */
  public OptionalLong retryMillis() {
    return retry;
  }

  /**
   * Parses an event's data as JSON.
   *
   * @throws ProviderException.ProtocolError naming the event when the data is not JSON
   */
  public static JsonNode json(String provider, SseEvent event) {
    try {
      JsonNode node = Json.parse(event.data());
      if (node == null || node.isMissingNode()) {
        throw new IllegalArgumentException("empty data");
      }
      return node;
    } catch (IllegalArgumentException e) {
      throw new ProviderException.ProtocolError(
          provider,
          provider
              + " sent invalid JSON in a '"
              + event.event()
              + "' stream event: "
              + abbreviate(event.data()),
          e);
    }
  }

  private ProviderException.ProtocolError malformed(String message) {
    return new ProviderException.ProtocolError(provider, provider + " " + message, null);
  }

  /** One line without its terminator, or null at the end of the stream. */
  private String readLine() throws IOException {
    ByteArrayOutputStream line = null;
    int start;
    while (true) {
      if (position >= limit && !fill()) {
        // a last line without a terminator cannot finish an event, so it is dropped with it
        return null;
      }
      if (skipLineFeed) {
        skipLineFeed = false;
        if (buffer[position] == '\n') {
          position++;
          continue;
        }
      }
      start = position;
      while (position < limit && buffer[position] != '\n' && buffer[position] != '\r') {
        position++;
      }
      int length = position - start;
      if (line == null) {
        line = new ByteArrayOutputStream(Math.max(64, length));
      }
      if ((long) line.size() + length > MAX_LINE_BYTES) {
        throw malformed("sent an event stream line longer than " + MAX_LINE_BYTES + " bytes");
      }
      line.write(buffer, start, length);
      if (position < limit) {
        if (buffer[position] == '\r') {
          skipLineFeed = true;
        }
        position++;
        return decode(line.toByteArray());
      }
    }
  }

  private boolean fill() throws IOException {
    if (eof) {
      return false;
    }
    int n = in.read(buffer, 0, buffer.length);
    while (n == 0) {
      n = in.read(buffer, 0, buffer.length);
    }
    if (n < 0) {
      eof = true;
      return false;
    }
    position = 0;
    limit = n;
    return true;
  }

  private String decode(byte[] bytes) {
    String text;
    try {
      text =
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .decode(ByteBuffer.wrap(bytes))
              .toString();
    } catch (CharacterCodingException e) {
      throw new ProviderException.ProtocolError(
          provider, provider + " sent an event stream that is not UTF-8", e);
    }
    if (firstLine) {
      firstLine = false;
      if (!text.isEmpty() && text.charAt(0) == '\uFEFF') {
        text = text.substring(1);
      }
    }
    return text;
  }

  static String abbreviate(String s) {
    String oneLine = s.replace('\r', ' ').replace('\n', ' ');
    return oneLine.length() <= 200 ? oneLine : oneLine.substring(0, 200) + "…";
  }
}
