package dev.tau.gateway.ui;

import dev.tau.core.json.Json;
import dev.tau.core.session.SessionInfo;
import dev.tau.core.session.SessionStore;
import dev.tau.gateway.GatewayContext;
import dev.tau.gateway.cortex.CortexObserverLog;
import dev.tau.gateway.cortex.CortexStatus;
import dev.tau.gateway.http.Route;
import dev.tau.gateway.status.GatewayStatus;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Builds the dashboard snapshot: the gateway's own posture (as {@code GET /gateway/status} gives
 * it), one health card per component (gateway, cortex, channels, routines, deployment) with its
 * reason code, a few facts, the most recent sessions and the request-rate window. The snapshot is
 * shared: it is rebuilt at most once per {@link #MAX_AGE_MS} however many dashboards are open.
 */
public final class DashboardFeed {
  /** How long a built snapshot is reused. */
  static final long MAX_AGE_MS = 900;

  /** How many sessions the dashboard lists. */
  static final int RECENT_SESSIONS = 8;

  /**
   * One snapshot.
   *
   * @param json what the page receives
   * @param fingerprint the snapshot without its timestamps: equal fingerprints mean nothing changed
   */
  public record Snapshot(ObjectNode json, String fingerprint) {
    public Snapshot {
      Objects.requireNonNull(json, "json");
      Objects.requireNonNull(fingerprint, "fingerprint");
    }
  }

  private final GatewayContext context;
  private final Supplier<List<Route>> routes;
  private final RequestStats stats;
  private Snapshot cached;
  private long builtAtMs;

  public DashboardFeed(GatewayContext context, Supplier<List<Route>> routes, RequestStats stats) {
    this.context = Objects.requireNonNull(context, "context");
    this.routes = Objects.requireNonNull(routes, "routes");
    this.stats = Objects.requireNonNull(stats, "stats");
  }

  /** The current snapshot, rebuilt when the cached one is older than {@link #MAX_AGE_MS}. */
  public synchronized Snapshot current() {
    long now = context.services().clock().millis();
    if (cached == null || now - builtAtMs >= MAX_AGE_MS || now < builtAtMs) {
      ObjectNode json = build(now);
      ObjectNode stable = json.deepCopy();
      stable.remove("generated_unix_ms");
      ((ObjectNode) stable.path("traffic")).remove("end_unix_ms");
      cached = new Snapshot(json, Json.write(stable));
      builtAtMs = now;
    }
    return cached;
  }

  private ObjectNode build(long now) {
    Path stateDir = context.config().stateDir().toAbsolutePath().normalize();
    ObjectNode status = GatewayStatus.build(context, routes.get());
    CortexStatus cortex =
        CortexStatus.classify(
            new CortexObserverLog(
                    CortexObserverLog.defaultPath(stateDir), context.services().clock())
                .scan(),
            now);

    ObjectNode out = Json.object();
    out.put("generated_unix_ms", now);
    copyPosture(status, out);

    ArrayNode components = out.putArray("components");
    ObjectNode gateway = component(components, "gateway", "Gateway");
    copyPosture(status, gateway);
    ObjectNode cortexCard = component(components, "cortex", "Cortex");
    cortexCard.put("health_state", cortex.healthState().wire());
    cortexCard.put("rollout_gate", cortex.rolloutGate().wire());
    cortexCard.put("reason_code", cortex.reasonCode().wire());
    cortexCard.put("health_reason", cortex.healthReason());
    ObjectNode channels = component(components, "multi_channel", "Channels");
    JsonNode multi = status.path("multi_channel");
    copyPosture(multi, channels);
    channels.put("reason_code", channelReason(multi));
    channels.set("facts", channelFacts(multi));
    copyPosture(status.path("events"), component(components, "events", "Routines"));
    ObjectNode deployment = component(components, "deployment", "Deployment");
    DeploymentHealth.card(status.path("deployment"), deployment);

    ObjectNode facts = out.putObject("gateway");
    facts.put("model", context.config().model());
    facts.put("auth_mode", context.config().authMode().wire());
    facts.put("service_status", Json.text(status.path("service"), "service_status", "unknown"));
    facts.put("in_flight", context.drain().inFlight());
    facts.put("draining", context.drain().draining());
    JsonNode heartbeat = status.path("runtime_heartbeat");
    facts.put("heartbeat_run_state", Json.text(heartbeat, "run_state", "unknown"));
    facts.put("heartbeat_reason_code", Json.text(heartbeat, "reason_code", ""));

    out.set("sessions", sessions(context.services().sessions()));
    out.set("traffic", stats.toJson());
    return out;
  }

  private static ObjectNode component(ArrayNode components, String id, String label) {
    ObjectNode card = components.addObject();
    card.put("component", id);
    card.put("label", label);
    return card;
  }

  private static void copyPosture(JsonNode from, ObjectNode to) {
    to.put("health_state", Json.text(from, "health_state", "unknown"));
    to.put("rollout_gate", Json.text(from, "rollout_gate", "hold"));
    if (from.has("reason_code")) {
      to.put("reason_code", Json.text(from, "reason_code", ""));
    }
    to.put("health_reason", Json.text(from, "health_reason", ""));
  }

  /**
   * The transport's figures as {@code [label, value]} pairs: failure streak, queue depth and each
   * connector's liveness (tau-spec §1.1, §5.14).
   */
  private static ArrayNode channelFacts(JsonNode multi) {
    ArrayNode facts = Json.array();
    facts.addArray().add("Failure streak").add(multi.path("failure_streak").asLong(0));
    facts.addArray().add("Queue depth").add(multi.path("queue_depth").asLong(0));
    multi
        .path("connectors")
        .path("channels")
        .properties()
        .forEach(
            e ->
                facts
                    .addArray()
                    .add(e.getKey())
                    .add(
                        Json.text(e.getValue(), "liveness", "unknown")
                            + " ("
                            + Json.text(e.getValue(), "mode", "unknown")
                            + ")"));
    return facts;
  }

  /** The multi-channel block has no single reason code: use the newest cycle's last one. */
  private static String channelReason(JsonNode multi) {
    if (!multi.path("state_present").asBoolean(false)) {
      return DashboardReasonCode.STATE_UNAVAILABLE.wire();
    }
    JsonNode codes = multi.path("last_reason_codes");
    return codes.isArray() && !codes.isEmpty()
        ? codes.get(codes.size() - 1).asString()
        : DashboardReasonCode.MULTI_CHANNEL_STATUS.wire();
  }

  private static ObjectNode sessions(SessionStore store) {
    List<SessionInfo> all = store.list();
    ObjectNode out = Json.object();
    out.put("count", all.size());
    ArrayNode recent = out.putArray("recent");
    all.stream()
        .limit(RECENT_SESSIONS)
        .forEach(info -> recent.add(SessionViews.summary(store, info)));
    return out;
  }
}
