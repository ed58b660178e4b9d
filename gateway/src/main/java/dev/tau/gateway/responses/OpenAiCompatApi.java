package dev.tau.gateway.responses;

import dev.tau.core.json.Json;
import dev.tau.gateway.GatewayContext;
import dev.tau.gateway.http.ApiError;
import dev.tau.gateway.http.ErrorCode;
import dev.tau.gateway.http.Exchange;
import java.time.Duration;
import tools.jackson.databind.node.ObjectNode;

/**
 * The OpenAI-compatible adapters (tau-spec §2.6), so any OpenAI client can use the gateway: {@code
 * POST /v1/chat/completions} (whole or streamed token by token as {@code chat.completion.chunk}
 * frames), legacy {@code POST /v1/completions}, and {@code GET /v1/models[/{id}]}. Same auth,
 * limits and sessions as {@code /v1/responses}; {@code metadata.session_id}, then {@code user},
 * picks the session.
 */
public final class OpenAiCompatApi {
  private final TurnSupport turns;
  private final ChatTranslator translator;

  public OpenAiCompatApi(GatewayContext context) {
    this(context, TurnSupport.KEEP_ALIVE);
  }

  OpenAiCompatApi(GatewayContext context, Duration keepAlive) {
    this.turns = new TurnSupport(context, keepAlive);
    this.translator =
        new ChatTranslator(
            context.config().maxInputChars(),
            turns.engine().modelNames(),
            turns.engine()::hasHistory);
  }

  /** {@code POST /v1/chat/completions}. */
  public void chat(Exchange exchange) {
    turns.runtime().recordRequest(ResponsesRuntime.Endpoint.CHAT_COMPLETIONS);
    run(exchange, turns.read(exchange, translator::chat), false);
  }

  /** {@code POST /v1/completions}. */
  public void completions(Exchange exchange) {
    turns.runtime().recordRequest(ResponsesRuntime.Endpoint.COMPLETIONS);
    run(exchange, turns.read(exchange, translator::completion), true);
  }

  /** {@code GET /v1/models}: the one model this gateway answers with. */
  public void models(Exchange exchange) {
    turns.runtime().recordRequest(ResponsesRuntime.Endpoint.MODELS);
    ObjectNode body = Json.object();
    body.put("object", "list");
    body.putArray("data").add(model());
    exchange.json(200, body);
  }

  /** {@code GET /v1/models/{id}}. */
  public void model(Exchange exchange) {
    turns.runtime().recordRequest(ResponsesRuntime.Endpoint.MODELS);
    String id = exchange.pathParam("id");
    if (!turns.engine().model().equals(id)) {
      throw new ApiError(
          ErrorCode.NOT_FOUND,
          "model '"
              + RequestFields.clip(id == null ? "" : id)
              + "' is not served here; GET /v1/models lists the model",
          "model",
          null);
    }
    exchange.json(200, model());
  }

  private ObjectNode model() {
    ObjectNode model = Json.object();
    model.put("id", turns.engine().model());
    model.put("object", "model");
    model.put("created", turns.nowSeconds());
    model.put("owned_by", "tau-gateway");
    return model;
  }

  private void run(Exchange exchange, TurnRequest request, boolean legacy) {
    try (TurnEngine.Prepared turn = turns.prepare(request)) {
      ChatJson json =
          new ChatJson(
              turns.id(legacy ? "cmpl-" : "chatcmpl-"),
              turns.nowSeconds(),
              turns.engine().model(),
              legacy);
      if (!request.stream()) {
        TurnResult result = turns.runPlain(turn, request);
        switch (result) {
          case TurnResult.Completed c -> exchange.json(200, json.completion(result));
          case TurnResult.Incomplete i -> exchange.json(200, json.completion(result));
          default -> throw TurnSupport.error(result);
        }
        return;
      }
      SseWriter sse = turns.openStream(exchange);
      try {
        ChatSse chunks = new ChatSse(sse, json);
        chunks.started();
        TurnResult result = turns.runStream(turn, request, sse, chunks);
        chunks.finished(result, request.streamUsage());
      } finally {
        turns.closeStream(sse);
      }
    }
  }
}
