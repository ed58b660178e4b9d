package dev.tau.core.model;

import java.util.Objects;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;

/**
 * A tool offered to the model.
 *
 * @param name a name vendors accept ({@code ^[a-zA-Z0-9_-]{1,64}$})
 * @param description what the tool does, for the model
 * @param parameters a JSON Schema object describing the arguments
 */
public record ToolDefinition(String name, String description, JsonNode parameters) {
  private static final Pattern NAME = Pattern.compile("^[a-zA-Z0-9_-]{1,64}$");

  public ToolDefinition {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(description, "description");
    Objects.requireNonNull(parameters, "parameters");
    if (!NAME.matcher(name).matches()) {
      throw new IllegalArgumentException("tool name must match " + NAME.pattern() + ": " + name);
    }
    if (!parameters.isObject()) {
      throw new IllegalArgumentException(
          "tool '" + name + "' parameters must be a JSON Schema object");
    }
  }
}
