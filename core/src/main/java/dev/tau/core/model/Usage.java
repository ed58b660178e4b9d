package dev.tau.core.model;

/** Token counts reported by a provider. Unknown counts are zero. */
public record Usage(long inputTokens, long outputTokens, long cachedInputTokens) {
  public static final Usage ZERO = new Usage(0, 0, 0);

  public Usage {
    if (inputTokens < 0 || outputTokens < 0 || cachedInputTokens < 0) {
      throw new IllegalArgumentException("token counts must not be negative");
    }
  }

  public long totalTokens() {
    return inputTokens + outputTokens;
  }

  public Usage plus(Usage other) {
    return new Usage(
        inputTokens + other.inputTokens,
        outputTokens + other.outputTokens,
        cachedInputTokens + other.cachedInputTokens);
  }
}
