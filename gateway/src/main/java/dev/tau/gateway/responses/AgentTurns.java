package dev.tau.gateway.responses;

import dev.tau.core.json.Json;
import dev.tau.core.model.Message;
import dev.tau.core.provider.Cancellation;
import dev.tau.core.session.SessionId;
import dev.tau.gateway.GatewayContext;
import dev.tau.gateway.http.ApiError;
import java.util.List;
import java.util.Objects;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The turn engine of {@code /v1/responses} for other gateway protocols (A2A): one plain text
 * message becomes one agent turn on a persisted session, with the same session locking, drain
 * handling and counters as the OpenResponses routes. There is one engine; this only opens it.
 */
public final class AgentTurns {
  /** How a turn ended. */
  public enum Status {
    /** The model answered. */
    COMPLETED,
    /** A limit (output tokens, turns, tool calls, content filter) cut the answer short. */
    INCOMPLETE,
    /** The provider or the session store failed, or the gateway shut down mid-run. */
    FAILED,
    /** The caller cancelled the run (for example the client went away). */
    CANCELLED
  }

  /**
   * One finished turn.
   *
   * @param status how it ended
   * @param text the answer text (possibly partial)
   * @param detail why it did not complete (a reason code or error message), empty when completed
   */
  public record Outcome(Status status, String text, String detail) {
    public Outcome {
      Objects.requireNonNull(status, "status");
      Objects.requireNonNull(text, "text");
      Objects.requireNonNull(detail, "detail");
    }
  }

  private final TurnSupport turns;

  public AgentTurns(GatewayContext context) {
    this.turns = new TurnSupport(context, TurnSupport.KEEP_ALIVE);
  }

  /**
   * Runs {@code text} as one user message on {@code session}, telling {@code deltas} each piece of
   * answer text as it arrives (on the run's thread). Blocks until the turn ends.
   *
   * @throws ApiError {@code session_busy} when another turn holds the session too long, or {@code
   *     guardrail_blocked_input} when the input guardrail blocks the text
   */
  public Outcome run(SessionId session, String text, Cancellation cancel, Consumer<String> deltas) {
    return run(session, text, cancel, deltas, null);
  }

  /**
   * As {@link #run(SessionId, String, Cancellation, Consumer)}, for streams: {@code keepAlive} runs
   * every few seconds while the turn is quiet, so a client that went away is noticed (its failed
   * write should cancel {@code cancel}).
   */
  public Outcome run(
      SessionId session,
      String text,
      Cancellation cancel,
      Consumer<String> deltas,
      Runnable keepAlive) {
    Objects.requireNonNull(deltas, "deltas");
    TurnRequest request =
        new TurnRequest(
            session,
            Message.user(text),
            "",
            List.of(),
            false,
            tools.jackson.databind.node.NullNode.getInstance(),
            OptionalDouble.empty(),
            OptionalInt.empty(),
            false,
            false,
            Json.object(),
            "",
            "",
            Set.of(),
            false);
    TurnObserver observer =
        new TurnObserver() {
          @Override
          public void textDelta(int index, OutputItem.Message item, String delta) {
            deltas.accept(delta);
          }
        };
    // the same input guardrail as the OpenResponses routes (the output one runs in the engine)
    request = turns.guardInput(request);
    TurnResult result;
    try (TurnEngine.Prepared turn = turns.prepare(request)) {
      result = turns.runObserved(turn, request, observer, cancel, keepAlive);
    }
    return switch (result) {
      case TurnResult.Completed c -> new Outcome(Status.COMPLETED, c.outputText(), "");
      case TurnResult.Incomplete i -> new Outcome(Status.INCOMPLETE, i.outputText(), i.reason());
      case TurnResult.Failed f -> new Outcome(Status.FAILED, f.outputText(), f.message());
      case TurnResult.Abandoned a ->
          new Outcome(Status.CANCELLED, a.outputText(), "the run was cancelled");
    };
  }
}
