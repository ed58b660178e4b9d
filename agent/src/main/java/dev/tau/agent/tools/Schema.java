package dev.tau.agent.tools;

import dev.tau.core.json.Json;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** Builds the small JSON Schema objects the coding tools declare. */
final class Schema {
  private final ObjectNode root = Json.object();
  private final ObjectNode properties;
  private final ArrayNode required;

  private Schema() {
    root.put("type", "object");
    properties = root.putObject("properties");
    required = root.putArray("required");
    root.put("additionalProperties", false);
  }

  static Schema object() {
    return new Schema();
  }

  Schema string(String name, String description, boolean isRequired) {
    return property(name, "string", description, isRequired);
  }

  Schema integer(String name, String description, boolean isRequired) {
    return property(name, "integer", description, isRequired);
  }

  Schema bool(String name, String description, boolean isRequired) {
    return property(name, "boolean", description, isRequired);
  }

  ObjectNode build() {
    return root.deepCopy();
  }

  private Schema property(String name, String type, String description, boolean isRequired) {
    ObjectNode p = properties.putObject(name);
    p.put("type", type);
    p.put("description", description);
    if (isRequired) {
      required.add(name);
    }
    return this;
  }
}
