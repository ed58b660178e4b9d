package dev.tau.gateway.status;

import dev.tau.core.json.Json;
import dev.tau.gateway.http.Route;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import tools.jackson.databind.node.ObjectNode;

/**
 * The {@code gateway} block of {@code /gateway/status}: the endpoint catalogue of tau-spec §2.8.5,
 * built from the routes that are really registered, so it never advertises a route the server does
 * not serve. Each well-known key appears only when a route with that path exists; {@code routes}
 * lists every registered route with its method and access level.
 */
public final class RouteCatalogue {
  /** A catalogue key, the section it belongs to ("" for top level) and its path pattern. */
  private record Entry(String section, String key, String path) {}

  private static final List<Entry> ENTRIES =
      List.of(
          new Entry("", "responses_endpoint", "/v1/responses"),
          new Entry("", "response_detail_endpoint", "/v1/responses/{}"),
          new Entry("openai_compat", "chat_completions_endpoint", "/v1/chat/completions"),
          new Entry("openai_compat", "completions_endpoint", "/v1/completions"),
          new Entry("openai_compat", "models_endpoint", "/v1/models"),
          new Entry("web_ui", "sessions_endpoint", "/gateway/sessions"),
          new Entry("web_ui", "session_detail_endpoint", "/gateway/sessions/{}"),
          new Entry("web_ui", "session_append_endpoint", "/gateway/sessions/{}/append"),
          new Entry("web_ui", "session_reset_endpoint", "/gateway/sessions/{}/reset"),
          new Entry("web_ui", "memory_endpoint", "/gateway/memory/{}"),
          new Entry("web_ui", "memory_entry_endpoint", "/gateway/memory/{}/{}"),
          new Entry("web_ui", "memory_graph_endpoint", "/gateway/memory-graph/{}"),
          new Entry("web_ui", "memory_graph_api_endpoint", "/api/memories/graph"),
          new Entry("web_ui", "channel_lifecycle_endpoint", "/gateway/channels/{}/lifecycle"),
          new Entry("web_ui", "config_endpoint", "/gateway/config"),
          new Entry("web_ui", "safety_policy_endpoint", "/gateway/safety/policy"),
          new Entry("web_ui", "safety_rules_endpoint", "/gateway/safety/rules"),
          new Entry("web_ui", "safety_test_endpoint", "/gateway/safety/test"),
          new Entry("web_ui", "audit_summary_endpoint", "/gateway/audit/summary"),
          new Entry("web_ui", "audit_log_endpoint", "/gateway/audit/log"),
          new Entry("web_ui", "training_status_endpoint", "/gateway/training/status"),
          new Entry("web_ui", "training_rollouts_endpoint", "/gateway/training/rollouts"),
          new Entry("web_ui", "training_config_endpoint", "/gateway/training/config"),
          new Entry("web_ui", "tools_endpoint", "/gateway/tools"),
          new Entry("web_ui", "tool_stats_endpoint", "/gateway/tools/stats"),
          new Entry("web_ui", "jobs_endpoint", "/gateway/jobs"),
          new Entry("web_ui", "job_cancel_endpoint_template", "/gateway/jobs/{}/cancel"),
          new Entry("web_ui", "deploy_endpoint", "/gateway/deploy"),
          new Entry("web_ui", "agent_stop_endpoint_template", "/gateway/agents/{}/stop"),
          new Entry("web_ui", "ui_telemetry_endpoint", "/gateway/ui/telemetry"),
          new Entry("web_ui", "cortex_chat_endpoint", "/cortex/chat"),
          new Entry("web_ui", "cortex_status_endpoint", "/cortex/status"),
          new Entry("", "dashboard_shell_endpoint", "/dashboard"),
          new Entry("", "ops_dashboard_endpoint", "/ops"),
          new Entry("", "ops_dashboard_login_endpoint", "/ops/login"),
          new Entry("", "webchat_endpoint", "/webchat"),
          new Entry("", "auth_bootstrap_endpoint", "/gateway/auth/bootstrap"),
          new Entry("", "auth_session_endpoint", "/gateway/auth/session"),
          new Entry("", "status_endpoint", "/gateway/status"),
          new Entry("", "ws_endpoint", "/gateway/ws"),
          new Entry("", "health_endpoint", "/healthz"),
          new Entry("", "metrics_endpoint", "/metrics"),
          new Entry("dashboard", "health_endpoint", "/dashboard/health"),
          new Entry("dashboard", "widgets_endpoint", "/dashboard/widgets"),
          new Entry("dashboard", "queue_timeline_endpoint", "/dashboard/queue-timeline"),
          new Entry("dashboard", "alerts_endpoint", "/dashboard/alerts"),
          new Entry("dashboard", "actions_endpoint", "/dashboard/actions"),
          new Entry("dashboard", "stream_endpoint", "/dashboard/stream"));

  private RouteCatalogue() {}

  /** The catalogue for {@code routes}, with the state dir and model the server runs with. */
  public static ObjectNode build(List<Route> routes, String stateDir, String model) {
    ObjectNode out = Json.object();
    for (Entry entry : ENTRIES) {
      find(routes, entry.path())
          .ifPresent(
              path -> {
                ObjectNode target =
                    entry.section().isEmpty()
                        ? out
                        : out.has(entry.section())
                            ? (ObjectNode) out.get(entry.section())
                            : out.putObject(entry.section());
                target.put(entry.key(), path);
              });
    }
    var list = out.putArray("routes");
    for (Route route : routes) {
      ObjectNode r = list.addObject();
      r.put("method", route.method().text());
      r.put("path", route.path());
      r.put("access", route.access().name().toLowerCase(Locale.ROOT));
    }
    out.put("state_dir", stateDir);
    out.put("model", model);
    return out;
  }

  /** The registered path whose shape (parameters ignored) equals {@code shape}. */
  private static Optional<String> find(List<Route> routes, String shape) {
    return routes.stream().map(Route::path).filter(p -> normalise(p).equals(shape)).findFirst();
  }

  private static String normalise(String path) {
    return path.replaceAll("\\{[^}]*}", "{}");
  }
}
