package dev.tau.gateway.cortex;

import dev.tau.core.json.Json;
import dev.tau.core.model.Usage;
import tools.jackson.databind.node.ObjectNode;

/**
 * What a Cortex chat reports, in order: {@link Created}, zero or more {@link TextDelta}, then
 * either {@link TextDone} + {@link Completed} or {@link Failed}. Each maps to one SSE frame whose
 * {@code event:} is {@link #name()}; the stream then ends with {@code event: done} / {@code data:
 * [DONE]}.
 */
public sealed interface CortexEvent {
  /** The SSE event name. */
  String name();

  /** The SSE data. */
  ObjectNode data();

  /** The answer has started. */
  record Created(String responseId, long createdUnixMs, String model) implements CortexEvent {
    @Override
    public String name() {
      return "cortex.response.created";
    }

    @Override
    public ObjectNode data() {
      ObjectNode n = Json.object();
      n.put("schema_version", 1);
      n.put("response_id", responseId);
      n.put("created_unix_ms", createdUnixMs);
      n.put("model", model);
      return n;
    }
  }

  /** A piece of answer text, as the model produced it. */
  record TextDelta(String responseId, String delta) implements CortexEvent {
    @Override
    public String name() {
      return "cortex.response.output_text.delta";
    }

    @Override
    public ObjectNode data() {
      ObjectNode n = Json.object();
      n.put("response_id", responseId);
      n.put("delta", delta);
      return n;
    }
  }

  /** The whole answer text. */
  record TextDone(String responseId, String text) implements CortexEvent {
    @Override
    public String name() {
      return "cortex.response.output_text.done";
    }

    @Override
    public ObjectNode data() {
      ObjectNode n = Json.object();
      n.put("response_id", responseId);
      n.put("text", text);
      return n;
    }
  }

  /** The answer is complete and recorded in the observer log. */
  record Completed(
      String responseId,
      CortexReasonCode reasonCode,
      boolean fallback,
      int outputChars,
      Usage usage)
      implements CortexEvent {
    @Override
    public String name() {
      return "cortex.response.completed";
    }

    @Override
    public ObjectNode data() {
      ObjectNode n = Json.object();
      n.put("response_id", responseId);
      n.put("status", "completed");
      n.put("reason_code", reasonCode.wire());
      n.put("fallback", fallback);
      n.put("output_chars", outputChars);
      ObjectNode u = n.putObject("usage");
      u.put("input_tokens", usage.inputTokens());
      u.put("output_tokens", usage.outputTokens());
      u.put("total_tokens", usage.totalTokens());
      return n;
    }
  }

  /**
   * The model could not answer (or the answer could not be recorded). {@code errorCode} is the
   * provider's failure category, for example {@code provider_auth_failed}.
   */
  record Failed(String responseId, CortexReasonCode reasonCode, String errorCode, String message)
      implements CortexEvent {
    @Override
    public String name() {
      return "cortex.response.failed";
    }

    @Override
    public ObjectNode data() {
      ObjectNode n = Json.object();
      n.put("response_id", responseId);
      n.put("status", "failed");
      n.put("reason_code", reasonCode.wire());
      n.put("fallback", true);
      ObjectNode error = n.putObject("error");
      error.put("code", errorCode);
      error.put("message", message);
      return n;
    }
  }
}
