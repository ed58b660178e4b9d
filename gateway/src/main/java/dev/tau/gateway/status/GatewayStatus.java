package dev.tau.gateway.status;

import dev.tau.core.json.Json;
import dev.tau.core.session.StoreException;
import dev.tau.gateway.GatewayConfig;
import dev.tau.gateway.GatewayContext;
import dev.tau.gateway.http.Route;
import dev.tau.gateway.service.ServiceReport;
import java.nio.file.Path;
import java.util.List;
import tools.jackson.databind.node.ObjectNode;

/**
 * Builds the {@code GET /gateway/status} document (tau-spec §2.8): the top-level posture ({@link
 * GatewayPosture}) and the {@code service}, {@code auth}, {@code multi_channel}, {@code
 * deployment}, {@code events}, {@code training}, {@code runtime_heartbeat} and {@code gateway}
 * blocks. Everything is read fresh on each call, so a {@code --gateway-service-stop} from another
 * process shows at once. Counters only: no token, password or session token ever appears.
 */
public final class GatewayStatus {
  private GatewayStatus() {}

  /** The status document for a running server with these {@code routes}. */
  public static ObjectNode build(GatewayContext context, List<Route> routes) {
    GatewayConfig config = context.config();
    long now = context.services().clock().millis();
    Path stateDir = config.stateDir().toAbsolutePath().normalize();
    Path tauRoot = stateDir.getParent() == null ? stateDir : stateDir.getParent();

    ObjectNode serviceBlock;
    ServiceReport service = null;
    String serviceProblem = null;
    try {
      service = context.stateFile().report();
      serviceBlock = service.toJson();
    } catch (StoreException e) {
      serviceProblem = e.getMessage();
      serviceBlock = Json.object();
      serviceBlock.put("state_path", context.stateFile().path().toString());
      serviceBlock.put("error", serviceProblem);
    }
    EventsReport events = EventsPosture.evaluate(tauRoot.resolve("events"), now);
    GatewayPosture posture =
        service != null
            ? GatewayPosture.of(service, events)
            : GatewayPosture.unreadable(serviceProblem);

    ObjectNode out = Json.object();
    out.put("health_state", posture.healthState().wire());
    out.put("rollout_gate", posture.rolloutGate().wire());
    out.put("reason_code", posture.reasonCode());
    out.put("health_reason", posture.healthReason());
    out.put("generated_unix_ms", now);
    out.set("service", serviceBlock);
    out.set("auth", auth(context));
    out.set("multi_channel", MultiChannelStatus.read(context.multiChannel()));
    out.set("deployment", DeploymentHealthStatus.read(config.deploymentStateDir(), now));
    out.set("events", events.toJson());
    out.set("training", TrainingStatus.read(tauRoot.resolve("training").resolve("status.json")));
    out.set(
        "runtime_heartbeat",
        HeartbeatStatus.read(stateDir.resolve("runtime-heartbeat").resolve("state.json")));
    out.set(
        "gateway", RouteCatalogue.build(routes, stateDir.toString(), context.services().model()));
    return out;
  }

  private static ObjectNode auth(GatewayContext context) {
    GatewayConfig config = context.config();
    ObjectNode auth = Json.object();
    auth.put("mode", config.authMode().wire());
    auth.put("session_ttl_seconds", config.sessionTtl().toSeconds());
    auth.put("active_sessions", context.authenticator().sessions().activeCount());
    auth.put("total_sessions_issued", context.authenticator().sessions().totalIssued());
    auth.put("auth_failures", context.authenticator().failureCount());
    auth.put("rate_limited_requests", context.rateLimiter().limitedCount());
    auth.put("rate_limit_window_seconds", context.rateLimiter().window().toSeconds());
    auth.put("rate_limit_max_requests", context.rateLimiter().maxRequests());
    return auth;
  }
}
