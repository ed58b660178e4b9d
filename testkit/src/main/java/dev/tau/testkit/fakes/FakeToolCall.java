package dev.tau.testkit.fakes;

import java.util.Objects;

/**
 * A tool call a fake server answers with.
 *
 * @param id the vendor call id (Gemini fakes do not send it, like the real API)
 * @param name the tool name
 * @param argumentsJson the arguments as a JSON object text
 */
public record FakeToolCall(String id, String name, String argumentsJson) {
  public FakeToolCall {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(argumentsJson, "argumentsJson");
  }
}
