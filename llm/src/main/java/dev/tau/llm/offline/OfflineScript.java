package dev.tau.llm.offline;

import dev.tau.core.error.InputException;
import dev.tau.core.json.Json;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;

/**
 * The replies the {@code offline} provider plays, read from a JSON file:
 *
 * <pre>{@code
 * {"replies": [
 *   {"match": "hello", "text": "Hi!"},
 *   {"text": "Writing it.", "tool_calls": [{"name": "write", "arguments": {"path": "a.txt"}}]},
 *   {"text": "Done."}
 * ]}
 * }</pre>
 *
 * A bare array of replies is accepted too. Validation is strict: every problem is reported with the
 * file and the reply number.
 *
 * @param source the file name, for messages
 * @param replies the replies in file order
 */
public record OfflineScript(String source, List<Reply> replies) {
  private static final Pattern TOOL_NAME = Pattern.compile("^[a-zA-Z0-9_-]{1,64}$");
  private static final Set<String> REPLY_FIELDS = Set.of("match", "text", "tool_calls");
  private static final Set<String> CALL_FIELDS = Set.of("name", "arguments");

  /** The largest script file {@link #load} reads: 1 MB. */
  public static final int MAX_BYTES = 1024 * 1024;

  public OfflineScript {
    Objects.requireNonNull(source, "source");
    replies = List.copyOf(replies);
  }

  /**
   * One scripted reply.
   *
   * @param match a substring of the last user message that selects this reply, or empty for any
   * @param text the answer text, possibly empty
   * @param toolCalls tool calls to make
   */
  public record Reply(String match, String text, List<ScriptedCall> toolCalls) {
    public Reply {
      Objects.requireNonNull(match, "match");
      Objects.requireNonNull(text, "text");
      toolCalls = List.copyOf(toolCalls);
    }

    boolean fits(String lastUserMessage) {
      return match.isEmpty() || lastUserMessage.contains(match);
    }
  }

  /**
   * A scripted tool call; its id comes from the provider's id source when it is played.
   *
   * @param name the tool name
   * @param arguments the arguments as JSON object text
   */
  public record ScriptedCall(String name, String arguments) {
    public ScriptedCall {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(arguments, "arguments");
    }
  }

  /**
   * Reads and validates a script file.
   *
   * @throws InputException naming the file and the bad entry
   */
  public static OfflineScript load(Path file) {
    String text;
    try {
      if (Files.exists(file) && !Files.isRegularFile(file)) {
        // a FIFO or device (/dev/zero, /dev/stdin) would block or never end
        throw new InputException(
            "offline script "
                + file
                + " is not a regular file; give a JSON file of at most "
                + MAX_BYTES
                + " bytes (1 MB)");
      }
      // strict decoding: a stray non-UTF-8 byte is an error, not a silent replacement character
      text =
          StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(readCapped(file))).toString();
    } catch (IOException e) {
      throw new InputException(
          "cannot read offline script " + file + ": " + e.getClass().getSimpleName(), e);
    }
    return parse(text, file.toString());
  }

  /** Reads at most {@link #MAX_BYTES}; the size is checked while reading, since it may change. */
  private static byte[] readCapped(Path file) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      byte[] bytes = in.readNBytes(MAX_BYTES + 1);
      if (bytes.length > MAX_BYTES) {
        throw new InputException(
            "offline script "
                + file
                + " is larger than the limit of "
                + MAX_BYTES
                + " bytes (1 MB)");
      }
      return bytes;
    }
  }

  /**
   * Parses and validates script text.
   *
   * @param source the name used in messages (usually the file name)
   * @throws InputException naming the source and the bad entry
   */
  public static OfflineScript parse(String text, String source) {
    JsonNode root;
    try {
      root = Json.parse(text);
    } catch (IllegalArgumentException e) {
      throw new InputException(
          "offline script " + source + " is not valid JSON: " + e.getMessage(), e);
    }
    JsonNode list;
    if (root != null && root.isArray()) {
      list = root;
    } else if (root != null && root.isObject()) {
      for (String field : root.propertyNames()) {
        if (!field.equals("replies")) {
          throw error(source, "has unknown top-level field '" + field + "' (allowed: replies)");
        }
      }
      list = root.get("replies");
      if (list == null || !list.isArray()) {
        throw error(source, "needs a 'replies' array");
      }
    } else {
      throw error(source, "must be a JSON object with a 'replies' array");
    }
    if (list.isEmpty()) {
      throw error(source, "has no replies");
    }
    List<Reply> replies = new ArrayList<>();
    int number = 0;
    for (JsonNode entry : list) {
      number++;
      replies.add(reply(entry, source, "reply " + number));
    }
    return new OfflineScript(source, replies);
  }

  private static Reply reply(JsonNode entry, String source, String where) {
    if (!entry.isObject()) {
      throw error(source, where + " must be a JSON object");
    }
    for (String field : entry.propertyNames()) {
      if (!REPLY_FIELDS.contains(field)) {
        throw error(
            source,
            where + " has unknown field '" + field + "' (allowed: match, text, tool_calls)");
      }
    }
    String match = optionalString(entry, "match", source, where);
    if (entry.has("match") && match.isEmpty()) {
      throw error(source, where + ": 'match' must not be empty (leave it out to match anything)");
    }
    String text = optionalString(entry, "text", source, where);
    List<ScriptedCall> calls = new ArrayList<>();
    JsonNode callList = entry.get("tool_calls");
    if (callList != null) {
      if (!callList.isArray() || callList.isEmpty()) {
        throw error(source, where + ": 'tool_calls' must be a non-empty array");
      }
      int number = 0;
      for (JsonNode call : callList) {
        number++;
        calls.add(call(call, source, where + ", tool call " + number));
      }
    }
    if (!entry.has("text") && calls.isEmpty()) {
      throw error(source, where + " needs 'text', 'tool_calls' or both");
    }
    return new Reply(match, text, calls);
  }

  private static ScriptedCall call(JsonNode call, String source, String where) {
    if (!call.isObject()) {
      throw error(source, where + " must be a JSON object");
    }
    for (String field : call.propertyNames()) {
      if (!CALL_FIELDS.contains(field)) {
        throw error(
            source, where + " has unknown field '" + field + "' (allowed: name, arguments)");
      }
    }
    String name = optionalString(call, "name", source, where);
    if (!TOOL_NAME.matcher(name).matches()) {
      throw error(
          source,
          where
              + (name.isEmpty()
                  ? " needs a 'name'"
                  : ": name '" + name + "' must match " + TOOL_NAME.pattern()));
    }
    JsonNode arguments = call.get("arguments");
    if (arguments != null && !arguments.isObject()) {
      throw error(source, where + ": 'arguments' must be a JSON object");
    }
    return new ScriptedCall(name, arguments == null ? "{}" : Json.write(arguments));
  }

  private static String optionalString(JsonNode node, String field, String source, String where) {
    JsonNode value = node.get(field);
    if (value == null) {
      return "";
    }
    if (!value.isString()) {
      throw error(source, where + ": '" + field + "' must be a string");
    }
    return value.asString();
  }

  private static InputException error(String source, String problem) {
    return new InputException("offline script " + source + " " + problem);
  }
}
