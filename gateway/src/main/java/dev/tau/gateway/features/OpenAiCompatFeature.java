package dev.tau.gateway.features;

import dev.tau.gateway.GatewayContext;
import dev.tau.gateway.GatewayFeature;
import dev.tau.gateway.http.Access;
import dev.tau.gateway.http.RouteTable;
import dev.tau.gateway.responses.OpenAiCompatApi;

/**
 * The OpenAI-compatible routes, so any OpenAI client works against the gateway: {@code POST
 * /v1/chat/completions}, {@code POST /v1/completions}, {@code GET /v1/models} and {@code GET
 * /v1/models/{id}}. All protected.
 */
public final class OpenAiCompatFeature implements GatewayFeature {
  @Override
  public void register(RouteTable routes, GatewayContext context) {
    OpenAiCompatApi api = new OpenAiCompatApi(context);
    routes.post("/v1/chat/completions", Access.PROTECTED, api::chat);
    routes.post("/v1/completions", Access.PROTECTED, api::completions);
    routes.get("/v1/models", Access.PROTECTED, api::models);
    // greedy: model ids contain a slash (provider/model)
    routes.get("/v1/models/{+id}", Access.PROTECTED, api::model);
  }
}
