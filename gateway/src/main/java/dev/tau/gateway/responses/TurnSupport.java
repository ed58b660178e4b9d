package dev.tau.gateway.responses;

import dev.tau.core.provider.Cancellation;
import dev.tau.gateway.GatewayContext;
import dev.tau.gateway.http.ApiError;
import dev.tau.gateway.http.ErrorCode;
import dev.tau.gateway.http.Exchange;
import dev.tau.gateway.metrics.AgentMetrics;
import dev.tau.guardrails.Direction;
import dev.tau.guardrails.Guardrail;
import dev.tau.guardrails.GuardrailBlockedException;
import dev.tau.guardrails.GuardrailCheck;
import java.time.Duration;
import java.util.function.Function;
import tools.jackson.databind.JsonNode;

/**
 * What the model-facing routes share: reading and translating a body (counting refusals), taking
 * the session, running the turn plainly or as a stream under a {@link TurnWatch}, and counting how
 * it ended.
 */
final class TurnSupport {
  /** How often an idle stream gets a keep-alive comment. */
  static final Duration KEEP_ALIVE = Duration.ofSeconds(15);

  private final GatewayContext context;
  private final ResponsesRuntime runtime;
  private final TurnEngine engine;
  private final AgentMetrics metrics;
  private final Duration keepAlive;

  TurnSupport(GatewayContext context, Duration keepAlive) {
    this.context = context;
    this.runtime = ResponsesRuntime.of(context);
    this.metrics = AgentMetrics.of(context);
    this.engine = new TurnEngine(context.services(), runtime.sessionLocks(), metrics);
    this.keepAlive = keepAlive;
  }

  ResponsesRuntime runtime() {
    return runtime;
  }

  TurnEngine engine() {
    return engine;
  }

  /** Reads the JSON body (bounded by the raw-body limit) and translates it. */
  TurnRequest read(Exchange exchange, Function<JsonNode, TurnRequest> translate) {
    TurnRequest request;
    try {
      request = translate.apply(exchange.bodyJson(context.config().maxBodyBytes()));
    } catch (ApiError e) {
      runtime.recordTranslationFailure(e.code());
      throw e;
    }
    runtime.recordIgnoredFields(request.ignoredFields());
    if (request.stream()) {
      runtime.recordStream();
    }
    return guardInput(request);
  }

  /**
   * Applies the input guardrail here, before any response byte is sent, so a blocked input is a
   * plain 400 even for a stream; a redacted input replaces the request's.
   */
  TurnRequest guardInput(TurnRequest request) {
    Guardrail guardrail = context.services().guardrail();
    GuardrailCheck check = guardrail.check(Direction.INPUT, request.input().text());
    if (check instanceof GuardrailCheck.Blocked blocked) {
      throw new ApiError(
          ErrorCode.GUARDRAIL_BLOCKED_INPUT,
          new GuardrailBlockedException(Direction.INPUT, blocked.hits()).getMessage(),
          "input",
          null);
    }
    return check instanceof GuardrailCheck.Redacted
        ? request.withInput(guardrail.redact(request.input()))
        : request;
  }

  /** Builds the turn's agent and takes its session (before any response byte is sent). */
  TurnEngine.Prepared prepare(TurnRequest request) {
    try {
      return engine.prepare(request);
    } catch (ApiError e) {
      runtime.recordTranslationFailure(e.code());
      throw e;
    }
  }

  /** Runs a turn whose answer is sent whole. */
  TurnResult runPlain(TurnEngine.Prepared turn, TurnRequest request) {
    Cancellation cancel = new Cancellation();
    TurnResult result;
    try (TurnWatch watch = new TurnWatch(context.drain(), grace(), cancel, keepAlive, null)) {
      result = engine.run(turn, request, TurnObserver.NONE, cancel, watch::drained);
    }
    count(result);
    return result;
  }

  /**
   * Runs a turn whose text goes to {@code observer} while the caller owns the cancellation; {@code
   * keepAliveAction} (null for none) runs when the turn is quiet.
   */
  TurnResult runObserved(
      TurnEngine.Prepared turn,
      TurnRequest request,
      TurnObserver observer,
      Cancellation cancel,
      Runnable keepAliveAction) {
    TurnResult result;
    try (TurnWatch watch =
        new TurnWatch(context.drain(), grace(), cancel, keepAlive, keepAliveAction)) {
      result = engine.run(turn, request, observer, cancel, watch::drained);
    }
    count(result);
    countError(result);
    return result;
  }

  /** Runs a streamed turn; a failed write (the client left) cancels it. */
  TurnResult runStream(
      TurnEngine.Prepared turn, TurnRequest request, SseWriter sse, TurnObserver observer) {
    Cancellation cancel = new Cancellation();
    sse.onBroken(cancel::cancel);
    TurnResult result;
    try (TurnWatch watch =
        new TurnWatch(
            context.drain(), grace(), cancel, keepAlive, () -> sse.comment("keep-alive"))) {
      result = engine.run(turn, request, observer, cancel, watch::drained);
    }
    count(result);
    countError(result);
    return result;
  }

  /**
   * A failed turn whose failure goes out inside a stream or an A2A task, not as an error response
   * (those are counted when sent), counts as an error of its code.
   */
  private void countError(TurnResult result) {
    if (result instanceof TurnResult.Failed f) {
      metrics.error(f.code());
    }
  }

  /** Opens the event stream and counts it as active until closed. */
  SseWriter openStream(Exchange exchange) {
    SseWriter sse = SseWriter.open(exchange.response());
    runtime.streamOpened();
    return sse;
  }

  void closeStream(SseWriter sse) {
    sse.close();
    runtime.streamClosed();
  }

  /** The error a plain request answers with for a turn that did not produce a response. */
  static ApiError error(TurnResult result) {
    return switch (result) {
      case TurnResult.Failed f -> new ApiError(f.code(), f.message());
      default ->
          new ApiError(ErrorCode.SERVICE_UNAVAILABLE, "the run was cancelled before it finished");
    };
  }

  long nowSeconds() {
    return context.services().clock().instant().getEpochSecond();
  }

  String id(String prefix) {
    return context.services().ids().next(prefix);
  }

  /** A run still going when the gateway drains gets half the drain budget to finish. */
  private Duration grace() {
    return context.config().drainTimeout().dividedBy(2);
  }

  private void count(TurnResult result) {
    switch (result) {
      case TurnResult.Completed c ->
          runtime.recordOutcome(
              c.functionCalls()
                  ? ReasonCode.FUNCTION_CALLS_RETURNED
                  : ReasonCode.RESPONSE_COMPLETED);
      case TurnResult.Incomplete i -> runtime.recordOutcome(ReasonCode.RESPONSE_INCOMPLETE);
      case TurnResult.Failed f -> {
        if (f.code() == ErrorCode.SERVICE_UNAVAILABLE) {
          runtime.recordExecutionFailure(ReasonCode.GATEWAY_DRAINING);
        } else {
          runtime.recordExecutionFailure(f.code());
        }
      }
      case TurnResult.Abandoned a -> runtime.recordOutcome(ReasonCode.CLIENT_DISCONNECTED);
    }
  }
}
