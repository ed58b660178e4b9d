package dev.tau.gateway.responses;

import dev.tau.core.json.Json;
import java.util.Objects;
import tools.jackson.databind.node.ObjectNode;

/**
 * One item of a response's {@code output}, as a snapshot: an assistant {@link Message}, a {@link
 * FunctionCall} of a client-declared function (for the client to run), or a {@link ToolCall} of one
 * of the gateway's own tools (run by the gateway; an OpenResponses extension item of type {@value
 * ToolCall#TYPE}).
 */
sealed interface OutputItem {
  String IN_PROGRESS = "in_progress";
  String COMPLETED = "completed";
  String INCOMPLETE = "incomplete";
  String FAILED = "failed";

  String id();

  String status();

  ObjectNode toJson();

  /** Assistant text; {@code content} is empty while in progress. */
  record Message(String id, String status, String text) implements OutputItem {
    public Message {
      Objects.requireNonNull(id, "id");
      Objects.requireNonNull(status, "status");
      Objects.requireNonNull(text, "text");
    }

    @Override
    public ObjectNode toJson() {
      ObjectNode node = Json.object();
      node.put("id", id);
      node.put("type", "message");
      node.put("status", status);
      node.put("role", "assistant");
      var content = node.putArray("content");
      if (!status.equals(IN_PROGRESS)) {
        content.add(part(text));
      }
      return node;
    }

    /** {@code {"type":"output_text","text","annotations":[]}}. */
    static ObjectNode part(String text) {
      ObjectNode part = Json.object();
      part.put("type", "output_text");
      part.put("text", text);
      part.putArray("annotations");
      return part;
    }
  }

  /** A call of a client-declared function; the client runs it. */
  record FunctionCall(String id, String callId, String name, String arguments, String status)
      implements OutputItem {
    public FunctionCall {
      Objects.requireNonNull(id, "id");
      Objects.requireNonNull(callId, "callId");
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(arguments, "arguments");
      Objects.requireNonNull(status, "status");
    }

    @Override
    public ObjectNode toJson() {
      ObjectNode node = Json.object();
      node.put("id", id);
      node.put("type", "function_call");
      node.put("status", status);
      node.put("call_id", callId);
      node.put("name", name);
      node.put("arguments", arguments);
      return node;
    }
  }

  /**
   * A call of one of the gateway's own tools, with its result once done. The result is cut at
   * {@link #MAX_OUTPUT_CHARS} so a large file read does not bloat every stored response.
   */
  record ToolCall(
      String id, String callId, String name, String arguments, String status, String output)
      implements OutputItem {
    static final String TYPE = "tau:tool_call";
    static final int MAX_OUTPUT_CHARS = 8192;

    public ToolCall {
      Objects.requireNonNull(id, "id");
      Objects.requireNonNull(callId, "callId");
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(arguments, "arguments");
      Objects.requireNonNull(status, "status");
      Objects.requireNonNull(output, "output");
    }

    @Override
    public ObjectNode toJson() {
      ObjectNode node = Json.object();
      node.put("id", id);
      node.put("type", TYPE);
      node.put("status", status);
      node.put("call_id", callId);
      node.put("name", name);
      node.put("arguments", arguments);
      if (status.equals(IN_PROGRESS)) {
        node.putNull("output");
      } else {
        boolean cut = output.length() > MAX_OUTPUT_CHARS;
        node.put("output", cut ? output.substring(0, MAX_OUTPUT_CHARS) : output);
        node.put("output_truncated", cut);
      }
      return node;
    }
  }
}
