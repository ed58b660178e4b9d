package dev.tau.core.model;

import java.util.Objects;

/**
 * A model's request to run a tool.
 *
 * @param id the vendor's call id, echoed back in the matching {@link Message.Tool}
 * @param name the tool name
 * @param arguments the arguments as a JSON object text (vendors stream it as text)
 */
public record ToolCall(String id, String name, String arguments) {
  public ToolCall {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(name, "name");
    arguments = arguments == null || arguments.isBlank() ? "{}" : arguments;
  }
}
