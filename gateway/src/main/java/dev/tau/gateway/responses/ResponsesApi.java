package dev.tau.gateway.responses;

import dev.tau.core.session.StoreException;
import dev.tau.gateway.GatewayContext;
import dev.tau.gateway.http.ApiError;
import dev.tau.gateway.http.ErrorCode;
import dev.tau.gateway.http.Exchange;
import java.time.Duration;
import java.util.Optional;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code POST /v1/responses} and {@code GET /v1/responses/{id}} (OpenResponses, tau-spec §2.5):
 * each request is one agent turn on its persisted session, answered whole or streamed. Responses
 * are stored (unless {@code "store": false}) under {@code
 * <state-dir>/openresponses/responses/<id>.json}, the newest {@value
 * ResponseStore#DEFAULT_MAX_RESPONSES} kept.
 */
public final class ResponsesApi {
  private static final System.Logger LOG = System.getLogger(ResponsesApi.class.getName());

  private final TurnSupport turns;
  private final ResponseStore store;
  private final ResponsesTranslator translator;

  public ResponsesApi(GatewayContext context) {
    this(context, TurnSupport.KEEP_ALIVE, ResponseStore.DEFAULT_MAX_RESPONSES);
  }

  ResponsesApi(GatewayContext context, Duration keepAlive, int maxStoredResponses) {
    this.turns = new TurnSupport(context, keepAlive);
    this.store =
        new ResponseStore(
            context.config().stateDir().resolve("openresponses").resolve("responses"),
            maxStoredResponses);
    this.translator =
        new ResponsesTranslator(
            context.config().maxInputChars(),
            turns.engine().modelNames(),
            id -> store.find(id).map(ResponseStore.Stored::session));
  }

  /** {@code POST /v1/responses}. */
  public void create(Exchange exchange) {
    turns.runtime().recordRequest(ResponsesRuntime.Endpoint.RESPONSES);
    TurnRequest request = turns.read(exchange, translator::translate);
    try (TurnEngine.Prepared turn = turns.prepare(request)) {
      ResponseJson meta =
          new ResponseJson(turns.id("resp_"), turns.nowSeconds(), turns.engine().model());
      if (request.stream()) {
        stream(exchange, request, turn, meta);
      } else {
        TurnResult result = turns.runPlain(turn, request);
        ObjectNode response = meta.finished(request, result, turns.nowSeconds());
        keep(request, response);
        switch (result) {
          case TurnResult.Completed c -> exchange.json(200, response);
          case TurnResult.Incomplete i -> exchange.json(200, response);
          default -> throw TurnSupport.error(result);
        }
      }
    }
  }

  /** {@code GET /v1/responses/{id}}. */
  public void get(Exchange exchange) {
    turns.runtime().recordRequest(ResponsesRuntime.Endpoint.STORED_RESPONSES);
    String id = exchange.pathParam("id");
    Optional<ResponseStore.Stored> stored = store.find(id);
    if (stored.isEmpty()) {
      throw new ApiError(
          ErrorCode.RESPONSE_NOT_FOUND,
          "response '" + RequestFields.clip(id == null ? "" : id) + "' was not found",
          "response_id",
          null);
    }
    exchange.json(200, stored.get().response());
  }

  private void stream(
      Exchange exchange, TurnRequest request, TurnEngine.Prepared turn, ResponseJson meta) {
    SseWriter sse = turns.openStream(exchange);
    try {
      ResponsesSse events = new ResponsesSse(sse);
      events.started(meta.inProgress(request));
      TurnResult result = turns.runStream(turn, request, sse, events);
      ObjectNode response = meta.finished(request, result, turns.nowSeconds());
      // Stored before response.completed, so a client may fetch it as soon as it hears the end.
      keep(request, response);
      events.finished(result, response);
    } finally {
      turns.closeStream(sse);
    }
  }

  private void keep(TurnRequest request, ObjectNode response) {
    if (!request.store()) {
      return;
    }
    try {
      store.save(request.session(), response);
    } catch (StoreException e) {
      LOG.log(System.Logger.Level.WARNING, e.getMessage(), e);
      turns.runtime().recordOutcome(ReasonCode.RESPONSE_STORE_FAILED);
    }
  }
}
