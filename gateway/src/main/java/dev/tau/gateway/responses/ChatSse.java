package dev.tau.gateway.responses;

import dev.tau.core.json.Json;
import dev.tau.gateway.http.ApiError;
import tools.jackson.databind.node.ObjectNode;

/**
 * Streams a turn as OpenAI chat completion chunks (or legacy completion chunks): nameless {@code
 * data:} frames carrying each text delta as the model produces it, client function calls as {@code
 * tool_calls} deltas, a last chunk with {@code finish_reason}, an optional usage chunk, then {@code
 * data: [DONE]}. A failure is sent as {@code data: {"error":{…}}} before {@code [DONE]}.
 */
final class ChatSse implements TurnObserver {
  private final SseWriter sse;
  private final ChatJson json;
  private boolean textSent;
  private boolean separatorDue;
  private int toolCalls;

  ChatSse(SseWriter sse, ChatJson json) {
    this.sse = sse;
    this.json = json;
  }

  /** The opening chunk with the assistant role (chat only). */
  void started() {
    if (!json.legacy()) {
      ObjectNode delta = Json.object();
      delta.put("role", "assistant");
      delta.put("content", "");
      send(json.chunk(delta, "", null));
    }
  }

  @Override
  public void itemAdded(int index, OutputItem item) {
    // Later messages are separated like output_text joins them, so the streamed text equals it.
    if (item instanceof OutputItem.Message && textSent) {
      separatorDue = true;
    }
  }

  @Override
  public void textDelta(int index, OutputItem.Message item, String delta) {
    String text = separatorDue ? "\n\n" + delta : delta;
    separatorDue = false;
    textSent = true;
    ObjectNode d = Json.object();
    d.put("content", text);
    send(json.chunk(d, text, null));
  }

  @Override
  public void itemDone(int index, OutputItem item) {
    if (item instanceof OutputItem.FunctionCall f && !json.legacy()) {
      ObjectNode d = Json.object();
      d.putArray("tool_calls").add(ChatJson.toolCall(f, toolCalls++));
      send(json.chunk(d, "", null));
    }
  }

  /** The closing chunks for {@code result}, then {@code [DONE]}; nothing when abandoned. */
  void finished(TurnResult result, boolean includeUsage) {
    switch (result) {
      case TurnResult.Abandoned a -> {
        return;
      }
      case TurnResult.Failed f -> {
        ObjectNode error = new ApiError(f.code(), f.message()).body();
        sse.data(Json.write(error));
      }
      default -> {
        send(json.chunk(Json.object(), "", ChatJson.finishReason(result)));
        if (includeUsage) {
          send(json.usageChunk(result.usage()));
        }
      }
    }
    sse.data("[DONE]");
  }

  private void send(ObjectNode chunk) {
    sse.data(Json.write(chunk));
  }
}
