package dev.tau.gateway.features;

import dev.tau.core.json.Json;
import dev.tau.gateway.GatewayContext;
import dev.tau.gateway.GatewayFeature;
import dev.tau.gateway.http.Access;
import dev.tau.gateway.http.RouteTable;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code GET /healthz}: unauthenticated liveness for load balancers. It says only whether the
 * process serves; no internals (those are behind {@code /gateway/status}).
 */
public final class HealthFeature implements GatewayFeature {
  @Override
  public void register(RouteTable routes, GatewayContext context) {
    routes.get(
        "/healthz",
        Access.PUBLIC,
        exchange -> {
          ObjectNode body = Json.object();
          boolean draining = context.drain().draining();
          body.put("status", draining ? "draining" : "ok");
          exchange.json(draining ? 503 : 200, body);
        });
  }
}
