package dev.tau.agent;

import java.util.Objects;
import java.util.OptionalDouble;
import java.util.OptionalInt;

/**
 * How an {@link Agent} runs. Immutable; filled from flags, a config file or code.
 *
 * @param model the vendor's model name sent in every request (without the {@code provider/})
 * @param instructions the system prompt, or empty
 * @param maxTurns most model calls in one run (default 16)
 * @param maxToolCalls most tool calls the model may make in one run, run or refused (default 64)
 * @param streaming whether model answers are streamed (text arrives as it is generated)
 * @param parallelToolCalls whether the tool calls of one answer run concurrently on virtual threads
 *     (results are still fed back in call order)
 * @param temperature sampling temperature, or empty for the vendor default
 * @param maxOutputTokens output cap per model call, or empty for the vendor default
 */
public record AgentConfig(
    String model,
    String instructions,
    int maxTurns,
    int maxToolCalls,
    boolean streaming,
    boolean parallelToolCalls,
    OptionalDouble temperature,
    OptionalInt maxOutputTokens) {

  public static final int DEFAULT_MAX_TURNS = 16;
  public static final int DEFAULT_MAX_TOOL_CALLS = 64;

  public AgentConfig {
    Objects.requireNonNull(model, "model");
    instructions = instructions == null ? "" : instructions;
    Objects.requireNonNull(temperature, "temperature");
    Objects.requireNonNull(maxOutputTokens, "maxOutputTokens");
    if (model.isBlank()) {
      throw new IllegalArgumentException("agent model must not be blank");
    }
    if (maxTurns < 1) {
      throw new IllegalArgumentException("maxTurns must be at least 1, got " + maxTurns);
    }
    if (maxToolCalls < 0) {
      throw new IllegalArgumentException("maxToolCalls must not be negative, got " + maxToolCalls);
    }
    if (temperature.isPresent()
        && (temperature.getAsDouble() < 0 || temperature.getAsDouble() > 2)) {
      throw new IllegalArgumentException(
          "temperature must be between 0 and 2, got " + temperature.getAsDouble());
    }
    if (maxOutputTokens.isPresent() && maxOutputTokens.getAsInt() < 1) {
      throw new IllegalArgumentException(
          "maxOutputTokens must be at least 1, got " + maxOutputTokens.getAsInt());
    }
  }

  /** Defaults for everything but the model: 16 turns, 64 tool calls, streaming on. */
  public static AgentConfig of(String model) {
    return builder(model).build();
  }

  public static Builder builder(String model) {
    return new Builder(model);
  }

  public Builder toBuilder() {
    Builder b =
        new Builder(model)
            .instructions(instructions)
            .maxTurns(maxTurns)
            .maxToolCalls(maxToolCalls)
            .streaming(streaming)
            .parallelToolCalls(parallelToolCalls);
    b.temperature = temperature;
    b.maxOutputTokens = maxOutputTokens;
    return b;
  }

  /** Builds an {@link AgentConfig}; {@link #build} validates and names a bad field. */
  public static final class Builder {
    private final String model;
    private String instructions = "";
    private int maxTurns = DEFAULT_MAX_TURNS;
    private int maxToolCalls = DEFAULT_MAX_TOOL_CALLS;
    private boolean streaming = true;
    private boolean parallelToolCalls = false;
    private OptionalDouble temperature = OptionalDouble.empty();
    private OptionalInt maxOutputTokens = OptionalInt.empty();

    private Builder(String model) {
      this.model = model;
    }

    public Builder instructions(String value) {
      this.instructions = value;
      return this;
    }

    public Builder maxTurns(int value) {
      this.maxTurns = value;
      return this;
    }

    public Builder maxToolCalls(int value) {
      this.maxToolCalls = value;
      return this;
    }

    public Builder streaming(boolean value) {
      this.streaming = value;
      return this;
    }

    public Builder parallelToolCalls(boolean value) {
      this.parallelToolCalls = value;
      return this;
    }

    public Builder temperature(double value) {
      this.temperature = OptionalDouble.of(value);
      return this;
    }

    public Builder maxOutputTokens(int value) {
      this.maxOutputTokens = OptionalInt.of(value);
      return this;
    }

    public AgentConfig build() {
      return new AgentConfig(
          model,
          instructions,
          maxTurns,
          maxToolCalls,
          streaming,
          parallelToolCalls,
          temperature,
          maxOutputTokens);
    }
  }
}
