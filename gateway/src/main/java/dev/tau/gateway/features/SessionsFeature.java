package dev.tau.gateway.features;

import dev.tau.core.json.Json;
import dev.tau.core.session.SessionId;
import dev.tau.core.session.SessionInfo;
import dev.tau.core.session.SessionStore;
import dev.tau.gateway.GatewayContext;
import dev.tau.gateway.GatewayFeature;
import dev.tau.gateway.http.Access;
import dev.tau.gateway.http.ApiError;
import dev.tau.gateway.http.ErrorCode;
import dev.tau.gateway.http.Exchange;
import dev.tau.gateway.http.RouteTable;
import dev.tau.gateway.ui.SessionViews;
import java.util.List;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The stored sessions, read-only, for the webchat's session list and resume (protected):
 *
 * <ul>
 *   <li>{@code GET /gateway/sessions?limit=N} (default 50, clamped to 1–200): the most recently
 *       updated sessions first, each {@code {session_key, created_unix_ms, updated_unix_ms,
 *       event_count, preview}}, plus {@code limit} and {@code total};
 *   <li>{@code GET /gateway/sessions/{session_key}?limit=N} (default 1000, clamped to 1–10000): the
 *       last N events as {@code messages} (role, text, tool calls and results), {@code title},
 *       {@code usage} totals and {@code truncated}; 404 {@code session_not_found} when absent.
 * </ul>
 */
public final class SessionsFeature implements GatewayFeature {
  @Override
  public void register(RouteTable routes, GatewayContext context) {
    SessionStore store = context.services().sessions();
    routes.get(
        "/gateway/sessions",
        Access.PROTECTED,
        exchange -> {
          int limit = limit(exchange, 50, 200);
          List<SessionInfo> all = store.list();
          ObjectNode body = Json.object();
          ArrayNode sessions = body.putArray("sessions");
          all.stream()
              .limit(limit)
              .forEach(info -> sessions.add(SessionViews.summary(store, info)));
          body.put("limit", limit);
          body.put("total", all.size());
          exchange.json(200, body);
        });
    routes.get(
        "/gateway/sessions/{session_key}",
        Access.PROTECTED,
        exchange -> {
          SessionId id = sessionId(exchange.pathParam("session_key"));
          int limit = limit(exchange, 1000, 10_000);
          ObjectNode body =
              SessionViews.detail(store, id, limit)
                  .orElseThrow(
                      () ->
                          new ApiError(
                              ErrorCode.SESSION_NOT_FOUND,
                              "session '" + id.value() + "' not found",
                              "session_key",
                              null));
          exchange.json(200, body);
        });
  }

  private static SessionId sessionId(String raw) {
    try {
      return SessionId.of(raw);
    } catch (IllegalArgumentException e) {
      throw new ApiError(
          ErrorCode.INVALID_REQUEST,
          "session_key must be 1-128 letters, digits, '.', '_', ':', '@' or '-'",
          "session_key",
          null);
    }
  }

  /** The {@code limit} query parameter, clamped to 1..max; 400 when it is not a number. */
  private static int limit(Exchange exchange, int fallback, int max) {
    String raw = exchange.query("limit", null);
    if (raw == null || raw.isBlank()) {
      return fallback;
    }
    try {
      return (int) Math.max(1, Math.min(max, Long.parseLong(raw.strip())));
    } catch (NumberFormatException e) {
      throw new ApiError(ErrorCode.INVALID_REQUEST, "limit must be a whole number", "limit", null);
    }
  }
}
