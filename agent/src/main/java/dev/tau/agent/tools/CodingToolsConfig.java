package dev.tau.agent.tools;

/**
 * Limits of the coding tools. Immutable; {@link #DEFAULTS} suits an interactive coding agent.
 *
 * @param maxReadBytes most bytes {@code read} returns in one call ({@code --max-file-read-bytes})
 * @param maxWriteBytes largest content {@code write} and {@code edit} accept
 * @param bashTimeoutMs default {@code bash} time limit when the call gives none
 * @param maxBashTimeoutMs largest {@code timeout_ms} a call may ask for
 * @param maxOutputBytes most bytes of command output {@code bash} returns (head and tail kept)
 * @param maxResults most entries {@code ls}, {@code glob} and {@code grep} return
 */
public record CodingToolsConfig(
    long maxReadBytes,
    long maxWriteBytes,
    long bashTimeoutMs,
    long maxBashTimeoutMs,
    int maxOutputBytes,
    int maxResults) {

  public static final CodingToolsConfig DEFAULTS =
      new CodingToolsConfig(1_000_000, 10_000_000, 120_000, 3_600_000, 30_000, 500);

  public CodingToolsConfig {
    positive("maxReadBytes", maxReadBytes);
    positive("maxWriteBytes", maxWriteBytes);
    positive("bashTimeoutMs", bashTimeoutMs);
    positive("maxBashTimeoutMs", maxBashTimeoutMs);
    positive("maxOutputBytes", maxOutputBytes);
    positive("maxResults", maxResults);
    if (bashTimeoutMs > maxBashTimeoutMs) {
      throw new IllegalArgumentException("bashTimeoutMs must not exceed maxBashTimeoutMs");
    }
    if (maxOutputBytes < 64) {
      throw new IllegalArgumentException("maxOutputBytes must be at least 64");
    }
  }

  public CodingToolsConfig withMaxReadBytes(long value) {
    return new CodingToolsConfig(
        value, maxWriteBytes, bashTimeoutMs, maxBashTimeoutMs, maxOutputBytes, maxResults);
  }

  public CodingToolsConfig withBashTimeoutMs(long value) {
    return new CodingToolsConfig(
        maxReadBytes, maxWriteBytes, value, maxBashTimeoutMs, maxOutputBytes, maxResults);
  }

  public CodingToolsConfig withMaxOutputBytes(int value) {
    return new CodingToolsConfig(
        maxReadBytes, maxWriteBytes, bashTimeoutMs, maxBashTimeoutMs, value, maxResults);
  }

  public CodingToolsConfig withMaxResults(int value) {
    return new CodingToolsConfig(
        maxReadBytes, maxWriteBytes, bashTimeoutMs, maxBashTimeoutMs, maxOutputBytes, value);
  }

  private static void positive(String field, long value) {
    if (value < 1) {
      throw new IllegalArgumentException(field + " must be at least 1, got " + value);
    }
  }
}
