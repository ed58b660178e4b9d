package dev.tau.gateway.features;

import dev.tau.core.json.Json;
import dev.tau.gateway.GatewayContext;
import dev.tau.gateway.GatewayFeature;
import dev.tau.gateway.a2a.A2aPing;
import dev.tau.gateway.a2a.A2aRpc;
import dev.tau.gateway.a2a.AgentCard;
import dev.tau.gateway.a2a.PingOutcome;
import dev.tau.gateway.http.Access;
import dev.tau.gateway.http.Exchange;
import dev.tau.gateway.http.RouteTable;

/**
 * Agent-to-agent: the {@code zavora-a2a-v1} ping ({@code POST /v1/a2a/ping}, protected), the A2A
 * agent card ({@code GET /.well-known/agent-card.json} and {@code /.well-known/agent.json}, public:
 * a discovery document holding no secret) and the A2A JSON-RPC endpoint ({@code POST /a2a},
 * protected).
 */
public final class A2aFeature implements GatewayFeature {
  @Override
  public void register(RouteTable routes, GatewayContext context) {
    // the a2a.* telemetry events go to the listener the caller wired into the services
    A2aPing ping = new A2aPing(context.services().a2aEvents());
    routes.post("/v1/a2a/ping", Access.PROTECTED, exchange -> ping(exchange, ping, context));
    routes.get("/.well-known/agent-card.json", Access.PUBLIC, exchange -> card(exchange, context));
    routes.get("/.well-known/agent.json", Access.PUBLIC, exchange -> card(exchange, context));
    A2aRpc rpc = new A2aRpc(context);
    routes.post(AgentCard.RPC_PATH, Access.PROTECTED, rpc::handle);
  }

  private static void ping(Exchange exchange, A2aPing ping, GatewayContext context) {
    switch (ping.handle(exchange.bodyJson(context.config().maxBodyBytes()))) {
      case PingOutcome.Acknowledged a -> exchange.json(200, a.ack().toJson());
      // zavora-spec §6.3: handler errors are {"error": "<message>"}
      case PingOutcome.Rejected r ->
          exchange.json(400, Json.object().put("error", r.reason().message()));
    }
  }

  private static void card(Exchange exchange, GatewayContext context) {
    exchange.json(
        200,
        AgentCard.build(
            baseUrl(exchange, context), context.services().model(), context.config().authMode()));
  }

  /**
   * The URL callers reached us at: the Host header (and {@code X-Forwarded-Proto} behind a TLS
   * proxy), else the bind address. Only shapes a discovery document; it grants nothing.
   */
  private static String baseUrl(Exchange exchange, GatewayContext context) {
    String host = exchange.header("Host");
    if (host == null || host.isBlank() || !host.matches("[A-Za-z0-9.:\\[\\]_-]+")) {
      String h = context.config().host();
      host = (h.contains(":") ? "[" + h + "]" : h) + ":" + context.config().port();
    }
    String scheme =
        "https".equalsIgnoreCase(exchange.header("X-Forwarded-Proto")) ? "https" : "http";
    return scheme + "://" + host;
  }
}
