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
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Translates OpenAI Chat Completions and legacy Completions bodies into a {@link TurnRequest}
 * (tau-spec §2.6).
 *
 * <p>Chat clients resend the whole conversation on every call, while the gateway keeps it in the
 * session. So {@code system}/{@code developer} messages become this turn's instructions, and only
 * the messages after the last assistant message are the new input; the earlier ones are already in
 * the session. When the session is still empty (a conversation the gateway has not seen), the
 * earlier messages are passed along too, labelled as context, so nothing the client said is lost.
 */
final class ChatTranslator {
  private static final Set<String> CHAT_KNOWN =
      Set.of(
          "model",
          "messages",
          "stream",
          "stream_options",
          "user",
          "metadata",
          "tools",
          "tool_choice",
          "temperature",
          "max_tokens",
          "max_completion_tokens");
  private static final Set<String> COMPLETIONS_KNOWN =
      Set.of("model", "prompt", "stream", "user", "metadata", "temperature", "max_tokens");
  private static final Set<String> REPORTED_MESSAGE_KEYS =
      Set.of("function_call", "audio", "refusal", "name");

  private final int maxInputChars;
  private final Set<String> modelNames;
  private final Predicate<SessionId> hasHistory;

  ChatTranslator(int maxInputChars, Set<String> modelNames, Predicate<SessionId> hasHistory) {
    this.maxInputChars = maxInputChars;
    this.modelNames = Set.copyOf(modelNames);
    this.hasHistory = hasHistory;
  }

  /** A {@code POST /v1/chat/completions} body. */
  TurnRequest chat(JsonNode raw) {
    ObjectNode body = RequestFields.object(raw);
    Set<String> ignored = new TreeSet<>();
    RequestFields.unknownKeys(body, CHAT_KNOWN, ignored);
    RequestFields.model(body, modelNames, ignored);
    boolean stream = RequestFields.bool(body, "stream", false);
    ObjectNode metadata = RequestFields.metadata(body);
    String user = RequestFields.string(body, "user").strip();
    var temperature = RequestFields.temperature(body);
    var maxTokens = RequestFields.maxTokens(body, "max_completion_tokens");
    if (maxTokens.isEmpty()) {
      maxTokens = RequestFields.maxTokens(body, "max_tokens");
    }
    List<ClientFunction> functions = RequestFields.functions(body, true, ignored);
    boolean toolsDisabled = RequestFields.toolsDisabled(body, ignored);
    boolean streamUsage = body.path("stream_options").path("include_usage").asBoolean(false);

    SessionId session = session(metadata, user);
    JsonNode messages = body.get("messages");
    if (messages == null || messages.isNull()) {
      throw new ApiError(ErrorCode.MISSING_MESSAGES, "messages is required", "messages", null);
    }
    if (!messages.isArray()) {
      throw new ApiError(ErrorCode.INVALID_MESSAGES, "messages must be an array", "messages", null);
    }
    if (messages.isEmpty()) {
      throw new ApiError(
          ErrorCode.MISSING_MESSAGES, "messages must not be empty", "messages", null);
    }
    List<String> instructions = new ArrayList<>();
    List<Parsed> parsed = new ArrayList<>();
    for (int i = 0; i < messages.size(); i++) {
      Parsed p = parse(messages.get(i), "messages[" + i + "]", ignored);
      if (p.role().equals("system") || p.role().equals("developer")) {
        if (!p.text().isEmpty()) {
          instructions.add(p.text());
        }
      } else {
        parsed.add(p);
      }
    }
    int lastAssistant = -1;
    for (int i = 0; i < parsed.size(); i++) {
      if (parsed.get(i).role().equals("assistant")) {
        lastAssistant = i;
      }
    }
    if (lastAssistant == parsed.size() - 1) {
      throw new ApiError(
          ErrorCode.MISSING_MESSAGES,
          "messages must end with at least one user or tool message with text",
          "messages",
          null);
    }
    int from = lastAssistant >= 0 && hasHistory.test(session) ? lastAssistant + 1 : 0;
    List<Segment> segments = new ArrayList<>();
    for (Parsed p : parsed.subList(from, parsed.size())) {
      if (p.segment() != null) {
        segments.add(p.segment());
      }
    }
    if (segments.isEmpty()) {
      throw new ApiError(
          ErrorCode.MISSING_MESSAGES,
          "messages must end with at least one user or tool message with text",
          "messages",
          null);
    }
    String joinedInstructions = String.join("\n\n", instructions);
    Message.User input = RequestFields.prompt(segments);
    RequestFields.checkLength(input, joinedInstructions, maxInputChars);
    return new TurnRequest(
        session,
        input,
        joinedInstructions,
        functions,
        toolsDisabled,
        RequestFields.toolChoiceEcho(body),
        temperature,
        maxTokens,
        stream,
        false,
        metadata,
        "",
        "",
        ignored,
        streamUsage);
  }

  /** A legacy {@code POST /v1/completions} body. */
  TurnRequest completion(JsonNode raw) {
    ObjectNode body = RequestFields.object(raw);
    Set<String> ignored = new TreeSet<>();
    RequestFields.unknownKeys(body, COMPLETIONS_KNOWN, ignored);
    RequestFields.model(body, modelNames, ignored);
    boolean stream = RequestFields.bool(body, "stream", false);
    ObjectNode metadata = RequestFields.metadata(body);
    String user = RequestFields.string(body, "user").strip();
    var temperature = RequestFields.temperature(body);
    var maxTokens = RequestFields.maxTokens(body, "max_tokens");
    JsonNode prompt = body.get("prompt");
    String text;
    if (prompt == null || prompt.isNull()) {
      throw new ApiError(ErrorCode.MISSING_PROMPT, "prompt is required", "prompt", null);
    } else if (prompt.isString()) {
      text = prompt.asString().strip();
    } else if (prompt.isArray() && allStrings(prompt)) {
      List<String> parts = new ArrayList<>();
      prompt.forEach(p -> parts.add(p.asString()));
      text = String.join("\n", parts).strip();
    } else {
      throw RequestFields.invalid("prompt", "prompt must be a string or an array of strings");
    }
    if (text.isEmpty()) {
      throw new ApiError(ErrorCode.MISSING_PROMPT, "prompt must not be empty", "prompt", null);
    }
    Message.User input = RequestFields.prompt(List.of(new Segment(USER, text)));
    RequestFields.checkLength(input, "", maxInputChars);
    return new TurnRequest(
        session(metadata, user),
        input,
        "",
        List.of(),
        false,
        Json.mapper().getNodeFactory().stringNode("auto"),
        temperature,
        maxTokens,
        stream,
        false,
        metadata,
        "",
        "",
        ignored,
        false);
  }

  /** Precedence: metadata.session_id, then user, then the default session. */
  private static SessionId session(ObjectNode metadata, String user) {
    String seed = RequestFields.sessionSeed(metadata);
    if (seed.isEmpty()) {
      seed = user;
    }
    return SessionKeys.sanitize(seed.isEmpty() ? SessionKeys.DEFAULT : seed);
  }

  /** One chat message: its role, its text and the segment it contributes (null when none). */
  private record Parsed(String role, String text, Segment segment) {}

  private static Parsed parse(JsonNode message, String at, Set<String> ignored) {
    if (message.isString()) {
      String text = message.asString().strip();
      return new Parsed("user", text, text.isEmpty() ? null : new Segment(USER, text));
    }
    if (!message.isObject()) {
      throw new ApiError(
          ErrorCode.INVALID_MESSAGES, at + " must be a string or an object", at, null);
    }
    String role = Json.text(message, "role", "user");
    for (String key : REPORTED_MESSAGE_KEYS) {
      if (message.has(key)) {
        ignored.add(at + "." + key);
      }
    }
    String text = RequestFields.contentText(message.get("content"), at + ".content", ignored);
    return switch (role) {
      case "system", "developer" -> new Parsed(role, text, null);
      case "user" -> {
        if (text.isEmpty()) {
          ignored.add(at + ".content");
          yield new Parsed(role, text, null);
        }
        yield new Parsed(role, text, new Segment(USER, text));
      }
      case "assistant" -> {
        String context = assistantContext(text, message.get("tool_calls"));
        yield new Parsed(
            role, text, context.isEmpty() ? null : new Segment("Assistant context", context));
      }
      case "tool", "function" -> {
        if (text.isEmpty()) {
          throw new ApiError(
              ErrorCode.INVALID_MESSAGES,
              at + " " + role + " message requires non-empty content",
              at + ".content",
              null);
        }
        String id = Json.text(message, "tool_call_id", Json.text(message, "name", "unknown"));
        yield new Parsed(role, text, new Segment("Function output (call_id=" + id + ")", text));
      }
      default ->
          throw new ApiError(
              ErrorCode.INVALID_MESSAGES,
              at
                  + ".role must be one of system, developer, user, assistant, tool (got '"
                  + RequestFields.clip(role)
                  + "')",
              at + ".role",
              null);
    };
  }

  /** An earlier assistant turn as context: its text and the functions it called. */
  private static String assistantContext(String text, JsonNode toolCalls) {
    List<String> lines = new ArrayList<>();
    if (!text.isEmpty()) {
      lines.add(text);
    }
    if (toolCalls != null && toolCalls.isArray()) {
      for (JsonNode call : toolCalls) {
        JsonNode fn = call.path("function");
        lines.add(
            "Function call (call_id="
                + Json.text(call, "id", "unknown")
                + ", name="
                + Json.text(fn, "name", "unknown")
                + "): "
                + Json.text(fn, "arguments", "{}"));
      }
    }
    return String.join("\n", lines);
  }

  private static boolean allStrings(JsonNode array) {
    for (JsonNode n : array) {
      if (!n.isString()) {
        return false;
      }
    }
    return true;
  }
}
