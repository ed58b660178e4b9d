package dev.tau.llm.http;

import dev.tau.core.json.Json;
import dev.tau.core.model.ContentPart;
import dev.tau.core.model.Message;
import dev.tau.core.provider.ModelRequest;
import dev.tau.core.provider.ProviderErrors;
import dev.tau.core.provider.ProviderException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.BiConsumer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** Small mapping helpers every adapter's mapper shares. */
public final class WireSupport {
  private WireSupport() {}

  /**
   * The system prompt: {@link ModelRequest#instructions()} followed by the text of any system
   * messages in the conversation, separated by blank lines.
   */
  public static String instructions(ModelRequest request) {
    List<String> parts = new ArrayList<>();
    if (!request.instructions().isBlank()) {
      parts.add(request.instructions());
    }
    for (Message message : request.messages()) {
      if (message instanceof Message.System system && !system.text().isBlank()) {
        parts.add(system.text());
      }
    }
    return String.join("\n\n", parts);
  }

  /**
   * The conversation as alternating turns, for vendors that want them (Anthropic, Gemini): user and
   * tool messages make {@code user} turns, assistant messages {@code assistantRole} turns, and
   * consecutive messages of one side are merged into one turn. System messages are left out (they
   * travel as {@link #instructions}). Each turn is {@code {"role": …, itemsField: […]}}, and {@code
   * items} adds one message's items to its turn's array.
   */
  public static ArrayNode turns(
      List<Message> messages,
      String assistantRole,
      String itemsField,
      BiConsumer<Message, ArrayNode> items) {
    ArrayNode out = Json.array();
    ObjectNode turn = null;
    for (Message message : messages) {
      String role =
          switch (message) {
            case Message.System s -> null;
            case Message.User u -> "user";
            case Message.Tool t -> "user";
            case Message.Assistant a -> assistantRole;
          };
      if (role == null) {
        continue;
      }
      if (turn == null || !role.equals(turn.get("role").asString())) {
        turn = out.addObject().put("role", role);
        turn.putArray(itemsField);
      }
      items.accept(message, (ArrayNode) turn.get(itemsField));
    }
    return out;
  }

  /**
   * A tool call's argument text as a JSON object, for vendors that take objects. Text that is not a
   * JSON object (a model can produce that) is kept under {@code "_raw"} rather than lost.
   */
  public static ObjectNode argumentsObject(String arguments) {
    try {
      JsonNode node = Json.parse(arguments);
      if (node != null && node.isObject()) {
        return (ObjectNode) node;
      }
    } catch (IllegalArgumentException notJson) {
      // kept below
    }
    ObjectNode wrapped = Json.object();
    wrapped.put("_raw", arguments);
    return wrapped;
  }

  /** The text of a tool result; non-text parts are named so the model knows they were dropped. */
  public static String toolResultText(Message.Tool result) {
    StringBuilder text = new StringBuilder();
    for (ContentPart part : result.content()) {
      switch (part) {
        case ContentPart.Text t -> text.append(t.text());
        case ContentPart.Image i -> text.append("[image omitted]");
        case ContentPart.Audio a -> text.append("[audio omitted]");
        case ContentPart.File f -> text.append("[file omitted: ").append(f.name()).append(']');
      }
    }
    return text.toString();
  }

  /** A request this vendor cannot express, reported before anything is sent. */
  public static ProviderException.BadRequest unsupported(String provider, String what) {
    return new ProviderException.BadRequest(provider, 0, provider + " adapter cannot send " + what);
  }

  /** An answer that lacks what the vendor's format promises. */
  public static ProviderException.ProtocolError protocol(String provider, String what) {
    return new ProviderException.ProtocolError(provider, provider + " " + what, null);
  }

  /**
   * An error the vendor reported inside a 200 answer or a stream. {@code status} is the HTTP-like
   * code it named, or 0 when it named none (mapped as a server error).
   */
  public static ProviderException inStreamError(String provider, int status, String message) {
    return ProviderErrors.fromStatus(
        provider, status >= 400 ? status : 500, message, Optional.empty());
  }

  /** A non-negative count field, 0 when absent. */
  public static long count(JsonNode node, String field) {
    return Math.max(0, Json.number(node, field, 0));
  }
}
