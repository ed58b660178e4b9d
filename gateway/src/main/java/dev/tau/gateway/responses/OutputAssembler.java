package dev.tau.gateway.responses;

import dev.tau.agent.AgentEvent;
import dev.tau.agent.AgentListener;
import dev.tau.core.model.ToolCall;
import dev.tau.core.provider.Cancellation;
import dev.tau.core.util.IdSource;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns a run's {@link AgentEvent}s into output items and tells a {@link TurnObserver} as they
 * grow. Each stretch of answer text is one message item (a turn's text before its tool calls is its
 * own message); each gateway tool call is a {@code tau:tool_call} item; each call of a client
 * function is a {@code function_call} item. When a turn called client functions, the run is
 * cancelled at the end of that turn: the client must run them before the model can go on.
 */
final class OutputAssembler implements AgentListener {
  private final IdSource ids;
  private final Set<String> functionNames;
  private final TurnObserver observer;
  private final Cancellation cancel;
  private final List<OutputItem> items = new ArrayList<>();
  private final Map<String, Integer> runningTools = new HashMap<>();
  private int openMessage = -1;
  private StringBuilder openText;
  private boolean functionCalls;
  private boolean cutShort;

  OutputAssembler(
      IdSource ids, Set<String> functionNames, TurnObserver observer, Cancellation cancel) {
    this.ids = ids;
    this.functionNames = Set.copyOf(functionNames);
    this.observer = observer;
    this.cancel = cancel;
  }

  @Override
  public void onEvent(AgentEvent event) {
    switch (event) {
      case AgentEvent.TextDelta d -> text(d.text());
      case AgentEvent.ToolCallStarted s -> toolStarted(s.call());
      case AgentEvent.ToolCallFinished f ->
          toolFinished(f.call(), f.result().text(), f.result().isError());
      case AgentEvent.TurnFinished t -> {
        closeMessage();
        if (functionCalls) {
          cancel.cancel();
        }
      }
      case AgentEvent.RunFinished r -> closeMessage();
      case AgentEvent.Error e when !e.code().equals("tool_crashed") -> cutShort = true;
      default -> {
        // turn starts, usage and errors are read from the outcome
      }
    }
  }

  /** Closes what is still open: a message cut short, tool calls that never finished. */
  void finish() {
    closeMessage();
    for (int index : List.copyOf(runningTools.values())) {
      OutputItem.ToolCall running = (OutputItem.ToolCall) items.get(index);
      done(
          index,
          new OutputItem.ToolCall(
              running.id(),
              running.callId(),
              running.name(),
              running.arguments(),
              OutputItem.INCOMPLETE,
              ""));
    }
    runningTools.clear();
  }

  List<OutputItem> items() {
    return List.copyOf(items);
  }

  /** Whether the model called a client function (the turn then yields to the client). */
  boolean functionCallsRequested() {
    return functionCalls;
  }

  private void text(String delta) {
    if (openMessage < 0) {
      openMessage = add(new OutputItem.Message(ids.next("msg_"), OutputItem.IN_PROGRESS, ""));
      openText = new StringBuilder();
    }
    openText.append(delta);
    observer.textDelta(openMessage, (OutputItem.Message) items.get(openMessage), delta);
  }

  private void closeMessage() {
    if (openMessage < 0) {
      return;
    }
    OutputItem.Message open = (OutputItem.Message) items.get(openMessage);
    // A model call that failed or was cancelled mid-answer leaves its text unfinished.
    boolean cut = cutShort || (cancel.isCancelled() && !functionCalls);
    String status = cut ? OutputItem.INCOMPLETE : OutputItem.COMPLETED;
    done(openMessage, new OutputItem.Message(open.id(), status, openText.toString()));
    openMessage = -1;
    openText = null;
  }

  private void toolStarted(ToolCall call) {
    closeMessage();
    if (functionNames.contains(call.name())) {
      functionCalls = true;
      String id = ids.next("fc_");
      int index =
          add(new OutputItem.FunctionCall(id, call.id(), call.name(), "", OutputItem.IN_PROGRESS));
      done(
          index,
          new OutputItem.FunctionCall(
              id, call.id(), call.name(), call.arguments(), OutputItem.COMPLETED));
    } else {
      int index =
          add(
              new OutputItem.ToolCall(
                  ids.next("tc_"),
                  call.id(),
                  call.name(),
                  call.arguments(),
                  OutputItem.IN_PROGRESS,
                  ""));
      runningTools.put(call.id(), index);
    }
  }

  private void toolFinished(ToolCall call, String output, boolean failed) {
    Integer index = runningTools.remove(call.id());
    if (index == null) {
      return; // a client function: already reported when it started
    }
    OutputItem.ToolCall running = (OutputItem.ToolCall) items.get(index);
    done(
        index,
        new OutputItem.ToolCall(
            running.id(),
            running.callId(),
            running.name(),
            running.arguments(),
            failed ? OutputItem.FAILED : OutputItem.COMPLETED,
            output));
  }

  private int add(OutputItem item) {
    items.add(item);
    int index = items.size() - 1;
    observer.itemAdded(index, item);
    return index;
  }

  private void done(int index, OutputItem item) {
    items.set(index, item);
    observer.itemDone(index, item);
  }
}
