package dev.tau.gateway.responses;

import dev.tau.core.json.Json;
import tools.jackson.databind.node.ObjectNode;

/**
 * Streams a turn as OpenResponses server-sent events: {@code response.created}, {@code
 * response.in_progress}, then per output item {@code response.output_item.added}, for messages
 * {@code response.content_part.added}, {@code response.output_text.delta}…, {@code
 * response.output_text.done}, {@code response.content_part.done}, for function calls {@code
 * response.function_call_arguments.delta} and {@code .done}, then {@code
 * response.output_item.done}; finally {@code response.completed}, {@code response.incomplete} or
 * {@code response.failed}, and {@code data: [DONE]}. Every event carries {@code sequence_number}
 * (0, 1, 2, …) and its {@code event:} name equals its {@code type}.
 */
final class ResponsesSse implements TurnObserver {
  private final SseWriter sse;
  private int sequence;

  ResponsesSse(SseWriter sse) {
    this.sse = sse;
  }

  /** {@code response.created} and {@code response.in_progress} with the in-progress snapshot. */
  void started(ObjectNode response) {
    ObjectNode created = event("response.created");
    created.set("response", response);
    send(created);
    ObjectNode progress = event("response.in_progress");
    progress.set("response", response);
    send(progress);
  }

  @Override
  public void itemAdded(int index, OutputItem item) {
    ObjectNode added = event("response.output_item.added");
    added.put("output_index", index);
    added.set("item", item.toJson());
    send(added);
    if (item instanceof OutputItem.Message m) {
      ObjectNode part = contentEvent("response.content_part.added", m, index);
      part.set("part", OutputItem.Message.part(""));
      send(part);
    }
  }

  @Override
  public void textDelta(int index, OutputItem.Message item, String delta) {
    ObjectNode event = contentEvent("response.output_text.delta", item, index);
    event.put("delta", delta);
    event.putArray("logprobs");
    send(event);
  }

  @Override
  public void itemDone(int index, OutputItem item) {
    switch (item) {
      case OutputItem.Message m -> {
        ObjectNode text = contentEvent("response.output_text.done", m, index);
        text.put("text", m.text());
        text.putArray("logprobs");
        send(text);
        ObjectNode part = contentEvent("response.content_part.done", m, index);
        part.set("part", OutputItem.Message.part(m.text()));
        send(part);
      }
      case OutputItem.FunctionCall f -> {
        ObjectNode delta = itemEvent("response.function_call_arguments.delta", f, index);
        delta.put("delta", f.arguments());
        send(delta);
        ObjectNode done = itemEvent("response.function_call_arguments.done", f, index);
        done.put("name", f.name());
        done.put("arguments", f.arguments());
        send(done);
      }
      case OutputItem.ToolCall t -> {
        // the extension item has no streamed content: added, then done
      }
    }
    ObjectNode done = event("response.output_item.done");
    done.put("output_index", index);
    done.set("item", item.toJson());
    send(done);
  }

  /**
   * The terminal event for {@code result} with the final response object, then {@code [DONE]}.
   * Nothing is sent for an abandoned turn: its client is gone.
   */
  void finished(TurnResult result, ObjectNode response) {
    String type =
        switch (result) {
          case TurnResult.Completed c -> "response.completed";
          case TurnResult.Incomplete i -> "response.incomplete";
          case TurnResult.Failed f -> "response.failed";
          case TurnResult.Abandoned a -> null;
        };
    if (type == null) {
      return;
    }
    ObjectNode event = event(type);
    event.set("response", response);
    if (result instanceof TurnResult.Failed f) {
      // tau-spec §2.5.7 clients read the error at the top level as well
      ObjectNode error = event.putObject("error");
      error.put("code", f.code().wire());
      error.put("message", f.message());
    }
    send(event);
    sse.data("[DONE]");
  }

  /** Events sent so far. */
  int sequence() {
    return sequence;
  }

  private ObjectNode event(String type) {
    ObjectNode node = Json.object();
    node.put("type", type);
    node.put("sequence_number", sequence++);
    return node;
  }

  private ObjectNode itemEvent(String type, OutputItem item, int index) {
    ObjectNode node = event(type);
    node.put("item_id", item.id());
    node.put("output_index", index);
    return node;
  }

  private ObjectNode contentEvent(String type, OutputItem item, int index) {
    ObjectNode node = itemEvent(type, item, index);
    node.put("content_index", 0);
    return node;
  }

  private void send(ObjectNode event) {
    sse.event(event.get("type").asString(), event);
  }
}
