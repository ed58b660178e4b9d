package dev.tau.gateway.features;

import dev.tau.gateway.GatewayContext;
import dev.tau.gateway.GatewayFeature;
import dev.tau.gateway.http.Access;
import dev.tau.gateway.http.RouteTable;
import dev.tau.gateway.responses.ResponsesApi;

/**
 * The OpenResponses API: {@code POST /v1/responses} (one agent turn per request, whole or streamed)
 * and {@code GET /v1/responses/{id}} (stored responses). Both protected.
 */
public final class ResponsesFeature implements GatewayFeature {
  @Override
  public void register(RouteTable routes, GatewayContext context) {
    ResponsesApi api = new ResponsesApi(context);
    routes.post("/v1/responses", Access.PROTECTED, api::create);
    routes.get("/v1/responses/{id}", Access.PROTECTED, api::get);
  }
}
