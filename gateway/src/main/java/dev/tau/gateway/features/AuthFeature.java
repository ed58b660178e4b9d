package dev.tau.gateway.features;

import dev.tau.core.json.Json;
import dev.tau.gateway.GatewayContext;
import dev.tau.gateway.GatewayFeature;
import dev.tau.gateway.auth.AuthMode;
import dev.tau.gateway.auth.SessionTokens;
import dev.tau.gateway.http.Access;
import dev.tau.gateway.http.ApiError;
import dev.tau.gateway.http.ErrorCode;
import dev.tau.gateway.http.RouteTable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The auth bootstrap ({@code GET /gateway/auth/bootstrap}) and session issuance ({@code POST
 * /gateway/auth/session}) of tau-spec §2.7. Both need no bearer but are rate-limited.
 */
public final class AuthFeature implements GatewayFeature {
  /** Longest accepted session-issuance body: a password, not a document. */
  private static final long MAX_BODY_BYTES = 16 * 1024;

  @Override
  public void register(RouteTable routes, GatewayContext context) {
    AuthMode mode = context.config().authMode();
    routes.get(
        "/gateway/auth/bootstrap",
        Access.BOOTSTRAP,
        exchange -> {
          ObjectNode body = Json.object();
          body.put("auth_mode", mode.wire());
          body.put("ui_auth_mode", mode.uiMode());
          body.put("requires_authentication", mode != AuthMode.LOCALHOST_DEV);
          body.put("auth_session_endpoint", "/gateway/auth/session");
          body.put("status_endpoint", "/gateway/status");
          body.put("responses_endpoint", "/v1/responses");
          exchange.json(200, body);
        });
    routes.post(
        "/gateway/auth/session",
        Access.BOOTSTRAP,
        exchange -> {
          if (mode != AuthMode.PASSWORD_SESSION) {
            throw new ApiError(
                ErrorCode.AUTH_MODE_MISMATCH,
                "gateway auth session endpoint requires --gateway-openresponses-auth-mode=password-session");
          }
          JsonNode request = exchange.bodyJson(MAX_BODY_BYTES);
          JsonNode password = request.get("password");
          if (password == null
              || !password.isString()
              || !context.config().password().matches(password.asString())) {
            throw new ApiError(
                ErrorCode.INVALID_CREDENTIALS, "invalid gateway password", "password", null);
          }
          SessionTokens.Issued issued = context.authenticator().sessions().issue();
          ObjectNode body = Json.object();
          body.put("access_token", issued.token());
          body.put("token_type", "bearer");
          body.put("expires_unix_ms", issued.expiresUnixMs());
          body.put("expires_in_seconds", issued.ttlSeconds());
          exchange.json(200, body);
        });
  }
}
