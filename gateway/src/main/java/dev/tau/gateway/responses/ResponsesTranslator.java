package dev.tau.gateway.responses;

import static dev.tau.gateway.responses.RequestFields.USER;

import dev.tau.core.json.Json;
import dev.tau.core.model.Message;
import dev.tau.core.session.SessionId;
import dev.tau.gateway.http.ApiError;
import dev.tau.gateway.http.ErrorCode;
import dev.tau.gateway.responses.RequestFields.Segment;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Translates a {@code POST /v1/responses} body (OpenResponses) into a {@link TurnRequest} (tau-spec
 * §2.5.1–2.5.4). {@code input} is a string or items: messages (any role; content as a string or
 * {@code input_text}/{@code output_text} parts), {@code function_call_output} items and echoed
 * {@code function_call} items. {@code instructions} apply to this turn only. Fields the gateway
 * does not act on are listed in {@code ignored_fields}.
 */
final class ResponsesTranslator {
  private static final Set<String> KNOWN =
      Set.of(
          "model",
          "input",
          "instructions",
          "stream",
          "store",
          "metadata",
          "conversation",
          "previous_response_id",
          "tools",
          "tool_choice",
          "temperature",
          "max_output_tokens");

  private final int maxInputChars;
  private final Set<String> modelNames;
  private final Function<String, Optional<SessionId>> sessionOfResponse;

  /**
   * @param sessionOfResponse the session a stored response ran in, by response id
   */
  ResponsesTranslator(
      int maxInputChars,
      Set<String> modelNames,
      Function<String, Optional<SessionId>> sessionOfResponse) {
    this.maxInputChars = maxInputChars;
    this.modelNames = Set.copyOf(modelNames);
    this.sessionOfResponse = sessionOfResponse;
  }

  TurnRequest translate(JsonNode raw) {
    ObjectNode body = RequestFields.object(raw);
    Set<String> ignored = new TreeSet<>();
    RequestFields.unknownKeys(body, KNOWN, ignored);
    RequestFields.model(body, modelNames, ignored);
    String instructions = RequestFields.string(body, "instructions").strip();
    boolean stream = RequestFields.bool(body, "stream", false);
    boolean store = RequestFields.bool(body, "store", true);
    OptionalDouble temperature = RequestFields.temperature(body);
    OptionalInt maxOutputTokens = RequestFields.maxTokens(body, "max_output_tokens");
    ObjectNode metadata = RequestFields.metadata(body);
    String conversation = conversation(body);
    String previous = RequestFields.string(body, "previous_response_id").strip();
    List<ClientFunction> functions = RequestFields.functions(body, false, ignored);
    boolean toolsDisabled = RequestFields.toolsDisabled(body, ignored);

    Message.User input = RequestFields.prompt(segments(body.get("input"), ignored));
    RequestFields.checkLength(input, instructions, maxInputChars);

    return new TurnRequest(
        session(RequestFields.sessionSeed(metadata), conversation, previous),
        input,
        instructions,
        functions,
        toolsDisabled,
        RequestFields.toolChoiceEcho(body),
        temperature,
        maxOutputTokens,
        stream,
        store,
        metadata,
        previous,
        conversation,
        ignored,
        false);
  }

  /** {@code conversation}: an id string or {@code {"id": "…"}}. */
  private static String conversation(ObjectNode body) {
    JsonNode value = body.get("conversation");
    if (value == null || value.isNull()) {
      return "";
    }
    if (value.isString()) {
      return value.asString().strip();
    }
    if (value.isObject() && value.path("id").isString()) {
      return value.path("id").asString().strip();
    }
    throw RequestFields.invalid(
        "conversation", "conversation must be a string id or an object with a string id");
  }

  /** Precedence: metadata.session_id, conversation, the session of previous_response_id. */
  private SessionId session(String seed, String conversation, String previous) {
    if (!seed.isEmpty()) {
      return SessionKeys.sanitize(seed);
    }
    if (!conversation.isEmpty()) {
      return SessionKeys.sanitize(conversation);
    }
    if (!previous.isEmpty()) {
      return sessionOfResponse
          .apply(previous)
          .orElseThrow(
              () ->
                  new ApiError(
                      ErrorCode.RESPONSE_NOT_FOUND,
                      "previous response '"
                          + RequestFields.clip(previous)
                          + "' was not found (it was not stored, was pruned, or never existed)",
                      "previous_response_id",
                      null));
    }
    return SessionKeys.sanitize(SessionKeys.DEFAULT);
  }

  private static List<Segment> segments(JsonNode input, Set<String> ignored) {
    if (input == null || input.isNull()) {
      throw new ApiError(ErrorCode.MISSING_INPUT, "input is required", "input", null);
    }
    List<Segment> out = new ArrayList<>();
    if (input.isString()) {
      String text = input.asString().strip();
      if (!text.isEmpty()) {
        out.add(new Segment(USER, text));
      }
    } else if (input.isObject()) {
      item(input, "input", out, ignored);
    } else if (input.isArray()) {
      for (int i = 0; i < input.size(); i++) {
        item(input.get(i), "input[" + i + "]", out, ignored);
      }
    } else {
      throw new ApiError(
          ErrorCode.INVALID_INPUT, "input must be a string, object, or array", "input", null);
    }
    if (out.isEmpty()) {
      throw new ApiError(
          ErrorCode.MISSING_INPUT,
          "input must include at least one textual message or function_call_output item",
          "input",
          null);
    }
    return out;
  }

  private static void item(JsonNode item, String at, List<Segment> out, Set<String> ignored) {
    if (item.isString()) {
      String text = item.asString().strip();
      if (text.isEmpty()) {
        ignored.add(at);
      } else {
        out.add(new Segment(USER, text));
      }
      return;
    }
    if (!item.isObject()) {
      ignored.add(at);
      return;
    }
    String type = Json.text(item, "type", "");
    switch (type) {
      case "function_call_output" -> {
        String output = RequestFields.outputText(item.get("output"));
        if (output.isEmpty()) {
          throw new ApiError(
              ErrorCode.INVALID_FUNCTION_CALL_OUTPUT,
              at + " function_call_output item requires non-empty output",
              at + ".output",
              null);
        }
        out.add(new Segment("Function output (call_id=" + callId(item) + ")", output));
      }
      case "function_call" ->
          // A client replaying its transcript: the call is context for the model.
          out.add(
              new Segment(
                  "Function call (call_id="
                      + callId(item)
                      + ", name="
                      + Json.text(item, "name", "unknown")
                      + ")",
                  Json.text(item, "arguments", "{}")));
      default -> {
        if (type.equals("message") || item.has("role") || item.has("content")) {
          String text = RequestFields.contentText(item.get("content"), at + ".content", ignored);
          if (text.isEmpty()) {
            ignored.add(at + ".content");
          } else {
            out.add(new Segment(roleLabel(Json.text(item, "role", "user")), text));
          }
        } else {
          ignored.add(at);
        }
      }
    }
  }

  private static String callId(JsonNode item) {
    String id = Json.text(item, "call_id", Json.text(item, "id", ""));
    return id.isBlank() ? "unknown" : id;
  }

  private static String roleLabel(String role) {
    return switch (role) {
      case "assistant" -> "Assistant context";
      case "system", "developer" -> "System context";
      case "tool" -> "Tool context";
      default -> USER;
    };
  }
}
