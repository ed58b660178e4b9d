package dev.tau.gateway.responses;

import dev.tau.core.model.Message;
import dev.tau.core.session.SessionId;
import java.util.List;
import java.util.Objects;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeSet;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * One model-facing request after translation and validation: what the agent turn needs, whichever
 * API it came through ({@code /v1/responses}, {@code /v1/chat/completions}, {@code
 * /v1/completions}).
 *
 * @param session the session the turn runs in
 * @param input the new user message (the translated input)
 * @param instructions extra system instructions for this turn only (not stored), or empty
 * @param functions client-declared functions offered to the model for this turn
 * @param toolsDisabled {@code tool_choice: "none"}: no tool at all is offered
 * @param toolChoice the {@code tool_choice} as given, echoed in the response
 * @param temperature sampling temperature for this turn, or empty for the agent's
 * @param maxOutputTokens output cap per model call for this turn, or empty for the agent's
 * @param stream whether to answer as server-sent events
 * @param store whether to keep the response for {@code GET /v1/responses/{id}}
 * @param metadata the caller's metadata, echoed
 * @param previousResponseId the {@code previous_response_id}, or empty
 * @param conversation the conversation id, or empty
 * @param ignoredFields fields accepted but not acted on, sorted
 * @param streamUsage chat streams: send a final usage chunk ({@code stream_options.include_usage})
 */
record TurnRequest(
    SessionId session,
    Message.User input,
    String instructions,
    List<ClientFunction> functions,
    boolean toolsDisabled,
    JsonNode toolChoice,
    OptionalDouble temperature,
    OptionalInt maxOutputTokens,
    boolean stream,
    boolean store,
    ObjectNode metadata,
    String previousResponseId,
    String conversation,
    Set<String> ignoredFields,
    boolean streamUsage) {

  TurnRequest {
    Objects.requireNonNull(session, "session");
    Objects.requireNonNull(input, "input");
    Objects.requireNonNull(instructions, "instructions");
    functions = List.copyOf(functions);
    Objects.requireNonNull(toolChoice, "toolChoice");
    Objects.requireNonNull(temperature, "temperature");
    Objects.requireNonNull(maxOutputTokens, "maxOutputTokens");
    Objects.requireNonNull(metadata, "metadata");
    Objects.requireNonNull(previousResponseId, "previousResponseId");
    Objects.requireNonNull(conversation, "conversation");
    ignoredFields = java.util.Collections.unmodifiableSortedSet(new TreeSet<>(ignoredFields));
  }

  /** This request with {@code value} as its input (the input guardrail's redacted text). */
  TurnRequest withInput(Message.User value) {
    return new TurnRequest(
        session,
        value,
        instructions,
        functions,
        toolsDisabled,
        toolChoice,
        temperature,
        maxOutputTokens,
        stream,
        store,
        metadata,
        previousResponseId,
        conversation,
        ignoredFields,
        streamUsage);
  }

  /** The names of the client functions. */
  List<String> functionNames() {
    return functions.stream().map(ClientFunction::name).toList();
  }
}
