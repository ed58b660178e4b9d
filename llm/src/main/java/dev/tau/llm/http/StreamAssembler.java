package dev.tau.llm.http;

import dev.tau.core.model.ContentPart;
import dev.tau.core.model.Message;
import dev.tau.core.model.StopReason;
import dev.tau.core.model.ToolCall;
import dev.tau.core.model.Usage;
import dev.tau.core.provider.ModelResponse;
import dev.tau.core.provider.ProviderException;
import dev.tau.core.provider.StreamEvent;
import dev.tau.core.provider.StreamSink;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Collects the pieces of a streamed answer while passing them on to the sink in order, so every
 * adapter emits the same event sequence: text and tool-call events as they come, then one {@link
 * StreamEvent.UsageReported} when the vendor reported usage. Tool calls are numbered {@code 0, 1,
 * …} in the order they start.
 */
public final class StreamAssembler {
  private final String provider;
  private final StreamSink sink;
  private final StringBuilder text = new StringBuilder();
  private final Map<Integer, PendingCall> calls = new TreeMap<>();
  private Usage usage;

  public StreamAssembler(String provider, StreamSink sink) {
    this.provider = Objects.requireNonNull(provider, "provider");
    this.sink = Objects.requireNonNull(sink, "sink");
  }

  /** A piece of answer text; empty pieces are dropped. */
  public void text(String delta) {
    if (delta != null && !delta.isEmpty()) {
      text.append(delta);
      sink.accept(new StreamEvent.TextDelta(delta));
    }
  }

  /** Starts tool call {@code index} unless it already started. */
  public void toolStarted(int index, String id, String name) {
    if (calls.containsKey(index)) {
      return;
    }
    calls.put(index, new PendingCall(id, name));
    sink.accept(new StreamEvent.ToolCallStarted(index, id, name));
  }

  public boolean hasTool(int index) {
    return calls.containsKey(index);
  }

  /** The number of tool calls started so far (the next call's index). */
  public int toolCount() {
    return calls.size();
  }

  /** A piece of tool call {@code index}'s JSON arguments. */
  public void toolArguments(int index, String delta) {
    PendingCall call = pending(index);
    if (delta != null && !delta.isEmpty() && !call.done) {
      call.arguments.append(delta);
      sink.accept(new StreamEvent.ToolCallDelta(index, delta));
    }
  }

  /**
   * Finishes tool call {@code index}. When the vendor repeats the full arguments they replace what
   * the deltas built (they are the same text in a correct stream).
   */
  public void toolDone(int index, String fullArguments) {
    PendingCall call = pending(index);
    if (call.done) {
      return;
    }
    if (fullArguments != null && !fullArguments.isEmpty()) {
      if (call.arguments.isEmpty()) {
        sink.accept(new StreamEvent.ToolCallDelta(index, fullArguments));
      }
      call.arguments.setLength(0);
      call.arguments.append(fullArguments);
    }
    call.done = true;
    sink.accept(new StreamEvent.ToolCallDone(index, call.toToolCall()));
  }

  /** Records usage; later reports replace earlier ones. */
  public void usage(Usage reported) {
    this.usage = Objects.requireNonNull(reported, "reported");
  }

  public boolean hasToolCalls() {
    return !calls.isEmpty();
  }

  /**
   * Finishes open tool calls, reports usage, and builds the answer. {@link StreamEvent.Completed}
   * is emitted by the caller.
   */
  public ModelResponse finish(String id, String model, StopReason stopReason) {
    List<ToolCall> toolCalls = new ArrayList<>();
    for (Map.Entry<Integer, PendingCall> entry : calls.entrySet()) {
      if (!entry.getValue().done) {
        toolDone(entry.getKey(), null);
      }
      toolCalls.add(entry.getValue().toToolCall());
    }
    if (usage != null) {
      sink.accept(new StreamEvent.UsageReported(usage));
    }
    List<ContentPart> content =
        text.isEmpty() ? List.of() : List.of(new ContentPart.Text(text.toString()));
    return new ModelResponse(
        id,
        model,
        new Message.Assistant(content, toolCalls),
        usage == null ? Usage.ZERO : usage,
        stopReason);
  }

  private PendingCall pending(int index) {
    PendingCall call = calls.get(index);
    if (call == null) {
      throw new ProviderException.ProtocolError(
          provider,
          provider + " streamed data for tool call " + index + " before the call started",
          null);
    }
    return call;
  }

  private static final class PendingCall {
    private final String id;
    private final String name;
    private final StringBuilder arguments = new StringBuilder();
    private boolean done;

    PendingCall(String id, String name) {
      this.id = id;
      this.name = name;
    }

    ToolCall toToolCall() {
      return new ToolCall(id, name, arguments.toString());
    }
  }
}
