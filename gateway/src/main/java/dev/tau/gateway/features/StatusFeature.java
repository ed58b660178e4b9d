package dev.tau.gateway.features;

import dev.tau.gateway.GatewayContext;
import dev.tau.gateway.GatewayFeature;
import dev.tau.gateway.http.Access;
import dev.tau.gateway.http.RouteTable;
import dev.tau.gateway.status.GatewayStatus;

/**
 * {@code GET /gateway/status} (protected): the operator status document of tau-spec §2.8 with the
 * top-level {@code health_state}, {@code rollout_gate} and {@code reason_code}. Its endpoint
 * catalogue is read from the route table at request time, so it lists exactly the routes served.
 */
public final class StatusFeature implements GatewayFeature {
  @Override
  public void register(RouteTable routes, GatewayContext context) {
    routes.get(
        "/gateway/status",
        Access.PROTECTED,
        exchange -> exchange.json(200, GatewayStatus.build(context, routes.routes())));
  }
}
