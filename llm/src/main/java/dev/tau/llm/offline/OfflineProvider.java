package dev.tau.llm.offline;

import dev.tau.core.model.ContentPart;
import dev.tau.core.model.Message;
import dev.tau.core.model.StopReason;
import dev.tau.core.model.ToolCall;
import dev.tau.core.model.Usage;
import dev.tau.core.provider.Cancellation;
import dev.tau.core.provider.ModelProvider;
import dev.tau.core.provider.ModelRequest;
import dev.tau.core.provider.ModelResponse;
import dev.tau.core.provider.StreamEvent;
import dev.tau.core.provider.StreamSink;
import dev.tau.core.util.IdSource;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The provider used when nothing is configured, so a newcomer still gets a working program.
 *
 * <p>Without a script it answers deterministically: it says that no model provider is configured,
 * echoes the start of the last user message, and tells how to configure one. With an {@link
 * OfflineScript} it plays the scripted replies in order (a reply with {@code match} only when the
 * last user message contains it) and says plainly when the script has run out. Text is streamed in
 * word chunks; scripted tool calls get ids from the injected {@link IdSource}.
 */
public final class OfflineProvider implements ModelProvider {
  /** The provider id. */
  public static final String ID = "offline";

  /** How to leave offline mode, shown in every unscripted answer. */
  public static final String HOW_TO_CONFIGURE =
      "To use a real model, set OPENAI_API_KEY, ANTHROPIC_API_KEY or GEMINI_API_KEY, "
          + "or run a local model with --model ollama/llama3.2, "
          + "or play scripted replies with --model offline/script --offline-script file.json.";

  private static final int ECHO_CHARS = 60;

  private final OfflineScript script;
  private final IdSource ids;
  private final boolean[] used;

  /** Unscripted: every answer explains how to configure a provider. */
  public OfflineProvider(IdSource ids) {
    this(null, ids);
  }

  /**
   * @param script the replies to play, or {@code null} for the unscripted answer
   */
  public OfflineProvider(OfflineScript script, IdSource ids) {
    this.script = script;
    this.ids = Objects.requireNonNull(ids, "ids");
    this.used = new boolean[script == null ? 0 : script.replies().size()];
  }

  /** Loads and validates {@code file} (see {@link OfflineScript}). */
  public static OfflineProvider fromScript(Path file, IdSource ids) {
    return new OfflineProvider(OfflineScript.load(file), ids);
  }

  @Override
  public String id() {
    return ID;
  }

  @Override
  public ModelResponse complete(ModelRequest request, Cancellation cancellation) {
    return stream(request, StreamSink.DISCARD, cancellation);
  }

  @Override
  public ModelResponse stream(ModelRequest request, StreamSink sink, Cancellation cancellation) {
    cancellation.throwIfCancelled();
    String lastUser = lastUserText(request);
    String text;
    List<OfflineScript.ScriptedCall> scripted = List.of();
    if (script == null) {
      text = unscripted(lastUser);
    } else {
      OfflineScript.Reply reply = take(lastUser);
      if (reply == null) {
        text = exhausted();
      } else {
        text = reply.text();
        scripted = reply.toolCalls();
      }
    }
    for (String chunk : words(text)) {
      cancellation.throwIfCancelled();
      sink.accept(new StreamEvent.TextDelta(chunk));
    }
    List<ToolCall> calls = new ArrayList<>();
    for (OfflineScript.ScriptedCall call : scripted) {
      cancellation.throwIfCancelled();
      int index = calls.size();
      ToolCall toolCall = new ToolCall(ids.next("call_"), call.name(), call.arguments());
      sink.accept(new StreamEvent.ToolCallStarted(index, toolCall.id(), toolCall.name()));
      sink.accept(new StreamEvent.ToolCallDelta(index, toolCall.arguments()));
      sink.accept(new StreamEvent.ToolCallDone(index, toolCall));
      calls.add(toolCall);
    }
    List<ContentPart> content = text.isEmpty() ? List.of() : List.of(new ContentPart.Text(text));
    ModelResponse response =
        new ModelResponse(
            ids.next("offline_"),
            request.model(),
            new Message.Assistant(content, calls),
            Usage.ZERO,
            calls.isEmpty() ? StopReason.END_TURN : StopReason.TOOL_USE);
    sink.accept(new StreamEvent.Completed(response));
    return response;
  }

  /** The first unused reply, in file order, whose {@code match} fits; marks it used. */
  private synchronized OfflineScript.Reply take(String lastUser) {
    List<OfflineScript.Reply> replies = script.replies();
    for (int i = 0; i < replies.size(); i++) {
      if (!used[i] && replies.get(i).fits(lastUser)) {
        used[i] = true;
        return replies.get(i);
      }
    }
    return null;
  }

  private synchronized String exhausted() {
    int remaining = 0;
    for (boolean u : used) {
      remaining += u ? 0 : 1;
    }
    if (remaining == 0) {
      return "The offline script "
          + script.source()
          + " has no more replies: all "
          + used.length
          + " were played.";
    }
    return "The offline script "
        + script.source()
        + " has no reply for this message: none of its "
        + remaining
        + " remaining replies match it.";
  }

  static String unscripted(String lastUser) {
    String echo = lastUser.strip().replaceAll("\\s+", " ");
    if (echo.length() > ECHO_CHARS) {
      echo = echo.substring(0, ECHO_CHARS).strip() + "…";
    }
    String heard = echo.isEmpty() ? "" : " You said: \"" + echo + "\".";
    return "No model provider is configured, so Tau is answering offline and no model read your"
        + " message."
        + heard
        + " "
        + HOW_TO_CONFIGURE;
  }

  private static String lastUserText(ModelRequest request) {
    List<Message> messages = request.messages();
    for (int i = messages.size() - 1; i >= 0; i--) {
      if (messages.get(i) instanceof Message.User user) {
        return user.text();
      }
    }
    return "";
  }

  /** Splits text into words, each keeping the whitespace that follows it. */
  static List<String> words(String text) {
    List<String> chunks = new ArrayList<>();
    int start = 0;
    int i = 0;
    while (i < text.length()) {
      while (i < text.length() && !Character.isWhitespace(text.charAt(i))) {
        i++;
      }
      while (i < text.length() && Character.isWhitespace(text.charAt(i))) {
        i++;
      }
      chunks.add(text.substring(start, i));
      start = i;
    }
    return chunks;
  }
}
