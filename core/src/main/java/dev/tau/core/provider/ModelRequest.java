package dev.tau.core.provider;

import dev.tau.core.model.Message;
import dev.tau.core.model.ToolDefinition;
import java.util.List;
import java.util.Objects;
import java.util.OptionalDouble;
import java.util.OptionalInt;

/**
 * One call to a model: the vendor-neutral request each adapter maps to its wire format.
 *
 * @param model the vendor's model name (without the {@code provider/} prefix)
 * @param instructions the system prompt, or empty
 * @param messages the conversation so far (system messages here are sent as instructions too)
 * @param tools tools the model may call
 * @param toolChoice how tools may be used
 * @param maxOutputTokens an output cap, or empty for the vendor default
 * @param temperature sampling temperature, or empty for the vendor default
 */
public record ModelRequest(
    String model,
    String instructions,
    List<Message> messages,
    List<ToolDefinition> tools,
    ToolChoice toolChoice,
    OptionalInt maxOutputTokens,
    OptionalDouble temperature) {

  public ModelRequest {
    Objects.requireNonNull(model, "model");
    instructions = instructions == null ? "" : instructions;
    messages = List.copyOf(messages);
    tools = List.copyOf(tools);
    toolChoice = toolChoice == null ? ToolChoice.AUTO : toolChoice;
    Objects.requireNonNull(maxOutputTokens, "maxOutputTokens");
    Objects.requireNonNull(temperature, "temperature");
    if (model.isBlank()) {
      throw new IllegalArgumentException("model must not be blank");
    }
    if (maxOutputTokens.isPresent() && maxOutputTokens.getAsInt() < 1) {
      throw new IllegalArgumentException("maxOutputTokens must be at least 1");
    }
    if (temperature.isPresent()
        && (temperature.getAsDouble() < 0 || temperature.getAsDouble() > 2)) {
      throw new IllegalArgumentException("temperature must be between 0 and 2");
    }
  }

  public static ModelRequest of(String model, List<Message> messages) {
    return new ModelRequest(
        model,
        "",
        messages,
        List.of(),
        ToolChoice.AUTO,
        OptionalInt.empty(),
        OptionalDouble.empty());
  }

  public ModelRequest withTools(List<ToolDefinition> newTools) {
    return new ModelRequest(
        model, instructions, messages, newTools, toolChoice, maxOutputTokens, temperature);
  }

  public ModelRequest withInstructions(String newInstructions) {
    return new ModelRequest(
        model, newInstructions, messages, tools, toolChoice, maxOutputTokens, temperature);
  }

  public ModelRequest withMessages(List<Message> newMessages) {
    return new ModelRequest(
        model, instructions, newMessages, tools, toolChoice, maxOutputTokens, temperature);
  }

  public ModelRequest withToolChoice(ToolChoice choice) {
    return new ModelRequest(
        model, instructions, messages, tools, choice, maxOutputTokens, temperature);
  }

  public ModelRequest withMaxOutputTokens(int max) {
    return new ModelRequest(
        model, instructions, messages, tools, toolChoice, OptionalInt.of(max), temperature);
  }

  public ModelRequest withTemperature(double value) {
    return new ModelRequest(
        model,
        instructions,
        messages,
        tools,
        toolChoice,
        maxOutputTokens,
        OptionalDouble.of(value));
  }
}
