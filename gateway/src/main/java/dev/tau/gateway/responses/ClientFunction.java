package dev.tau.gateway.responses;

import dev.tau.core.json.Json;
import dev.tau.core.model.ToolDefinition;
import dev.tau.core.tool.Tool;
import dev.tau.core.tool.ToolContext;
import dev.tau.core.tool.ToolResult;
import java.util.Objects;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A function declared by the caller in {@code tools} (OpenResponses "externally-hosted tool"). The
 * model may call it next to the gateway's own tools; the gateway does not run it but ends the turn
 * and returns the call to the client as a {@code function_call} item. The client runs it and sends
 * the output back as a {@code function_call_output} item in its next request.
 *
 * @param definition the name, description and JSON Schema offered to the model
 */
record ClientFunction(ToolDefinition definition) {
  /** What the model reads as this call's result in the session history. */
  static final String HANDED_TO_CLIENT =
      "This function runs in the client application. The gateway returned the call to the client;"
          + " its output arrives in the next request as a function_call_output with this call id.";

  ClientFunction {
    Objects.requireNonNull(definition, "definition");
  }

  String name() {
    return definition.name();
  }

  /** The tool registered for one turn: it only records that the client must act. */
  Tool tool() {
    return new Tool() {
      @Override
      public ToolDefinition definition() {
        return definition;
      }

      @Override
      public ToolResult execute(JsonNode arguments, ToolContext context) {
        return ToolResult.ok(HANDED_TO_CLIENT);
      }
    };
  }

  /** {@code {"type":"function","name","description","parameters"}} as echoed in a response. */
  ObjectNode toJson() {
    ObjectNode node = Json.object();
    node.put("type", "function");
    node.put("name", definition.name());
    node.put("description", definition.description());
    node.set("parameters", definition.parameters());
    return node;
  }
}
