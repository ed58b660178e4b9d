package dev.tau.channels.outbound;

import dev.tau.channels.Transport;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits a reply into fixed-size chunks counted in Unicode scalars (code points), so a chunk never
 * splits a surrogate pair (tau-spec §5.13).
 */
public final class ReplyChunker {
  private ReplyChunker() {}

  /** The largest message each platform accepts: Telegram 4096, Discord 2000, WhatsApp 1024. */
  public static int safeMax(Transport transport) {
    return switch (transport) {
      case TELEGRAM -> 4096;
      case DISCORD -> 2000;
      case WHATSAPP -> 1024;
    };
  }

  /** The chunk size for a transport: {@code min(maxChars, safeMax(transport))}. */
  public static int chunkSize(Transport transport, int maxChars) {
    return Math.min(maxChars, safeMax(transport));
  }

  /**
   * The trimmed text in chunks of at most {@code size} code points; none for blank text.
   *
   * @throws IllegalArgumentException when {@code size <= 0}
   */
  public static List<String> chunk(String text, int size) {
    if (size <= 0) {
      throw new IllegalArgumentException("chunk size must be > 0, got " + size);
    }
    String trimmed = text.strip();
    List<String> chunks = new ArrayList<>();
    int start = 0;
    while (start < trimmed.length()) {
      int remaining = trimmed.codePointCount(start, trimmed.length());
      int end = remaining <= size ? trimmed.length() : trimmed.offsetByCodePoints(start, size);
      chunks.add(trimmed.substring(start, end));
      start = end;
    }
    return chunks;
  }

  /**
   * Cuts text to 512 code points plus {@code ...} (receipt {@code detail} and {@code
   * request_body}).
   */
  public static String truncate(String text) {
    int limit = 512;
    if (text.codePointCount(0, text.length()) <= limit) {
      return text;
    }
    return text.substring(0, text.offsetByCodePoints(0, limit)) + "...";
  }
}
