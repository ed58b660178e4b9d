package dev.tau.testkit.agent;

import dev.tau.core.model.ContentPart;
import dev.tau.core.model.Message;
import dev.tau.core.model.StopReason;
import dev.tau.core.model.ToolCall;
import dev.tau.core.model.Usage;
import dev.tau.core.provider.Cancellation;
import dev.tau.core.provider.CancelledException;
import dev.tau.core.provider.ModelProvider;
import dev.tau.core.provider.ModelRequest;
import dev.tau.core.provider.ModelResponse;
import dev.tau.core.provider.ProviderException;
import dev.tau.core.provider.StreamEvent;
import dev.tau.core.provider.StreamSink;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * An in-process fake {@link ModelProvider} that plays a queue of scripted steps, one per model
 * call: replies (text and/or tool calls), failures, or a stream that hangs until cancelled. It
 * streams text in chunks and records every request it receives.
 *
 * <pre>{@code
 * var model = new ScriptedModelProvider()
 *     .replyToolCalls(new ToolCall("c1", "write", "{\"path\":\"a.txt\",\"content\":\"hi\"}"))
 *     .replyText("done");
 * }</pre>
 *
 * <p>A call with nothing left in the script throws {@link IllegalStateException}, so an unexpected
 * extra model call fails the test loudly.
 */
public final class ScriptedModelProvider implements ModelProvider {
  /** Default usage of a scripted reply. */
  public static final Usage DEFAULT_USAGE = new Usage(10, 5, 0);

  private static final Duration HANG_LIMIT = Duration.ofSeconds(60);

  private final String id;
  private final Deque<Step> script = new ArrayDeque<>();
  private final List<ModelRequest> requests = new CopyOnWriteArrayList<>();
  private int chunkSize = 4;
  private int calls;

  public ScriptedModelProvider() {
    this("scripted");
  }

  public ScriptedModelProvider(String id) {
    this.id = Objects.requireNonNull(id, "id");
  }

  /** A scripted reply. */
  public record Reply(String text, List<ToolCall> toolCalls, Usage usage, StopReason stopReason) {
    public Reply {
      Objects.requireNonNull(text, "text");
      toolCalls = List.copyOf(toolCalls);
      Objects.requireNonNull(usage, "usage");
      Objects.requireNonNull(stopReason, "stopReason");
    }

    public static Reply text(String text) {
      return new Reply(text, List.of(), DEFAULT_USAGE, StopReason.END_TURN);
    }

    public static Reply toolCalls(ToolCall... calls) {
      return new Reply("", Arrays.asList(calls), DEFAULT_USAGE, StopReason.TOOL_USE);
    }

    public Reply withUsage(Usage value) {
      return new Reply(text, toolCalls, value, stopReason);
    }

    public Reply withText(String value) {
      return new Reply(value, toolCalls, usage, stopReason);
    }
  }

  private sealed interface Step {}

  private record Answer(Reply reply) implements Step {}

  private record Failure(ProviderException error) implements Step {}

  private record HangUntilCancelled(String text) implements Step {}

  /** Scripts a plain text answer. */
  public synchronized ScriptedModelProvider replyText(String text) {
    return reply(Reply.text(text));
  }

  /** Scripts an answer that asks for tool calls (parallel when several). */
  public synchronized ScriptedModelProvider replyToolCalls(ToolCall... calls) {
    return reply(Reply.toolCalls(calls));
  }

  public synchronized ScriptedModelProvider reply(Reply reply) {
    script.add(new Answer(reply));
    return this;
  }

  /** Scripts a failing call. */
  public synchronized ScriptedModelProvider fail(ProviderException error) {
    script.add(new Failure(error));
    return this;
  }

  /**
   * Scripts a call that streams {@code text} and then blocks, like a slow vendor, until the caller
   * cancels; it then throws {@link CancelledException}. Without a cancel it gives up after 60 s
   * with an {@link IllegalStateException}.
   */
  public synchronized ScriptedModelProvider hangUntilCancelled(String text) {
    script.add(new HangUntilCancelled(text));
    return this;
  }

  /** Text is streamed in pieces of this many characters (default 4). */
  public synchronized ScriptedModelProvider chunkSize(int size) {
    if (size < 1) {
      throw new IllegalArgumentException("chunk size must be at least 1");
    }
    this.chunkSize = size;
    return this;
  }

  /** Every request received, in order. */
  public List<ModelRequest> requests() {
    return List.copyOf(requests);
  }

  /** Steps not yet played. */
  public synchronized int remaining() {
    return script.size();
  }

  @Override
  public String id() {
    return id;
  }

  @Override
  public ModelResponse complete(ModelRequest request, Cancellation cancellation) {
    return play(request, StreamSink.DISCARD, cancellation, false);
  }

  @Override
  public ModelResponse stream(ModelRequest request, StreamSink sink, Cancellation cancellation) {
    return play(request, sink, cancellation, true);
  }

  private ModelResponse play(
      ModelRequest request, StreamSink sink, Cancellation cancellation, boolean streaming) {
    requests.add(request);
    Step step;
    int n;
    synchronized (this) {
      n = ++calls;
      step = script.poll();
    }
    if (step == null) {
      throw new IllegalStateException(
          "ScriptedModelProvider has no step left for model call " + n + "; script more replies");
    }
    cancellation.throwIfCancelled();
    return switch (step) {
      case Failure f -> throw f.error();
      case HangUntilCancelled h -> hang(h.text(), sink, cancellation, streaming);
      case Answer a -> answer(a.reply(), n, request, sink, cancellation, streaming);
    };
  }

  private ModelResponse answer(
      Reply reply,
      int n,
      ModelRequest request,
      StreamSink sink,
      Cancellation cancellation,
      boolean streaming) {
    ModelResponse response =
        new ModelResponse(
            "resp_" + n,
            request.model(),
            new Message.Assistant(
                reply.text().isEmpty() ? List.of() : List.of(new ContentPart.Text(reply.text())),
                reply.toolCalls()),
            reply.usage(),
            reply.stopReason());
    if (!streaming) {
      return response;
    }
    int size;
    synchronized (this) {
      size = chunkSize;
    }
    String text = reply.text();
    for (int i = 0; i < text.length(); i += size) {
      cancellation.throwIfCancelled();
      sink.accept(new StreamEvent.TextDelta(text.substring(i, Math.min(text.length(), i + size))));
    }
    List<ToolCall> toolCalls = reply.toolCalls();
    for (int i = 0; i < toolCalls.size(); i++) {
      ToolCall call = toolCalls.get(i);
      cancellation.throwIfCancelled();
      sink.accept(new StreamEvent.ToolCallStarted(i, call.id(), call.name()));
      sink.accept(new StreamEvent.ToolCallDelta(i, call.arguments()));
      sink.accept(new StreamEvent.ToolCallDone(i, call));
    }
    sink.accept(new StreamEvent.UsageReported(reply.usage()));
    sink.accept(new StreamEvent.Completed(response));
    return response;
  }

  private static ModelResponse hang(
      String text, StreamSink sink, Cancellation cancellation, boolean streaming) {
    CountDownLatch cancelled = new CountDownLatch(1);
    // Left registered: the cancellation belongs to one run and counting down twice is harmless.
    cancellation.onCancel(cancelled::countDown);
    if (streaming && !text.isEmpty()) {
      sink.accept(new StreamEvent.TextDelta(text));
    }
    try {
      if (!cancelled.await(HANG_LIMIT.toMillis(), TimeUnit.MILLISECONDS)) {
        throw new IllegalStateException(
            "scripted stream waited " + HANG_LIMIT + " for a cancel that never came");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    throw new CancelledException();
  }
}
