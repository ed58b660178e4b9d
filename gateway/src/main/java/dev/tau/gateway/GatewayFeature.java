package dev.tau.gateway;

import dev.tau.gateway.http.RouteTable;

/** One area of the gateway (health, auth, responses, status, cortex, UI) adding its routes. */
public interface GatewayFeature {
  void register(RouteTable routes, GatewayContext context);
}
