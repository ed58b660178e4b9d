package dev.tau.gateway;

import static dev.tau.gateway.GatewayTestSupport.send;
import static dev.tau.gateway.GatewayTestSupport.status;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tau.core.json.Json;
import dev.tau.gateway.auth.AuthMode;
import dev.tau.gateway.http.Access;
import dev.tau.gateway.http.Route;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Walks every registered route in every auth mode. A route added later is covered automatically: if
 * it is not declared with the right {@link Access}, this test fails.
 */
class AuthMatrixIT {
  @TempDir Path dir;

  /** Routes that must never be reachable without a bearer in token and password modes. */
  private static boolean mustBeProtected(Route route) {
    String p = route.path();
    return p.startsWith("/v1/")
        || p.startsWith("/cortex/")
        || p.equals("/metrics")
        || p.startsWith("/dashboard/")
        || (p.startsWith("/gateway/") && !p.startsWith("/gateway/auth/"));
  }

  private static String body(Route route) {
    return route.method().text().equals("GET") ? null : "{}";
  }

  @Test
  void tokenModeRejectsMissingOrWrongBearerOnEveryProtectedRoute() throws Exception {
    try (GatewayServer server =
        GatewayServer.start(
            GatewayTestSupport.config(AuthMode.TOKEN, dir, 10_000),
            GatewayTestSupport.offlineServices())) {
      List<Route> routes = server.routes();
      assertThat(routes).extracting(Route::path).contains("/healthz", "/gateway/auth/session");
      for (Route route : routes) {
        if (mustBeProtected(route)) {
          assertThat(route.access()).as(route.toString()).isEqualTo(Access.PROTECTED);
        }
        if (route.mutating()) {
          assertThat(route.access()).as("mutating " + route).isNotEqualTo(Access.PUBLIC);
        }
        String path = route.samplePath();
        String method = route.method().text();
        int anonymous = status(server, method, path, null, body(route));
        int wrong = status(server, method, path, "not-the-token", body(route));
        int right = status(server, method, path, GatewayTestSupport.TOKEN, body(route));
        if (route.access() == Access.PROTECTED) {
          assertThat(anonymous).as("anonymous " + method + " " + path).isEqualTo(401);
          assertThat(wrong).as("wrong token " + method + " " + path).isEqualTo(401);
        } else {
          assertThat(anonymous).as("anonymous " + method + " " + path).isNotEqualTo(401);
        }
        assertThat(right).as("right token " + method + " " + path).isNotIn(401, 500);
      }
    }
  }

  @Test
  void passwordSessionModeNeedsAnIssuedTokenOnEveryProtectedRoute() throws Exception {
    try (GatewayServer server =
        GatewayServer.start(
            GatewayTestSupport.config(AuthMode.PASSWORD_SESSION, dir, 10_000),
            GatewayTestSupport.offlineServices())) {
      var refused = send(server, "POST", "/gateway/auth/session", null, "{\"password\":\"guess\"}");
      assertThat(refused.statusCode()).isEqualTo(401);
      assertThat(Json.parse(refused.body()).path("error").path("code").asString())
          .isEqualTo("invalid_credentials");
      var issued =
          send(
              server,
              "POST",
              "/gateway/auth/session",
              null,
              Json.write(Json.object().put("password", GatewayTestSupport.PASSWORD)));
      assertThat(issued.statusCode()).isEqualTo(200);
      String token = Json.parse(issued.body()).path("access_token").asString();
      assertThat(token).startsWith("tau_sess_");
      for (Route route : server.routes()) {
        String path = route.samplePath();
        String method = route.method().text();
        if (route.access() == Access.PROTECTED) {
          assertThat(status(server, method, path, null, body(route)))
              .as(method + " " + path)
              .isEqualTo(401);
          assertThat(status(server, method, path, GatewayTestSupport.PASSWORD, body(route)))
              .as("the password itself is not a bearer: " + path)
              .isEqualTo(401);
        }
        if (route.access() != Access.BOOTSTRAP) {
          assertThat(status(server, method, path, token, body(route)))
              .as(method + " " + path)
              .isNotIn(401, 500);
        }
      }
    }
  }

  @Test
  void localhostDevNeedsNoBearerAnywhere() throws Exception {
    try (GatewayServer server =
        GatewayServer.start(
            GatewayTestSupport.config(AuthMode.LOCALHOST_DEV, dir, 10_000),
            GatewayTestSupport.offlineServices())) {
      for (Route route : server.routes()) {
        assertThat(status(server, route.method().text(), route.samplePath(), null, body(route)))
            .as(route.toString())
            .isNotIn(401, 500);
      }
    }
  }

  @Test
  void webhookRoutesNeedThePlatformsCredentialAndTheGatewayBearerDoesNotOpenThem()
      throws Exception {
    try (GatewayServer server =
        GatewayServer.start(
            GatewayTestSupport.config(AuthMode.TOKEN, dir.resolve("gateway"), 10_000),
            GatewayTestSupport.offlineServices(),
            GatewayTestSupport.webhookChannels(dir))) {
      List<Route> routes = server.routes();
      assertThat(routes)
          .filteredOn(r -> r.access() == Access.PLATFORM_SIGNED)
          .extracting(r -> r.method().text() + " " + r.path())
          .containsExactlyInAnyOrder(
              "POST /webhooks/telegram", "GET /webhooks/whatsapp", "POST /webhooks/whatsapp");
      for (Route route : routes) {
        String path = route.samplePath();
        String method = route.method().text();
        if (route.path().startsWith("/webhooks/")) {
          assertThat(route.access()).as(route.toString()).isEqualTo(Access.PLATFORM_SIGNED);
        } else {
          assertThat(route.access()).as(route.toString()).isNotEqualTo(Access.PLATFORM_SIGNED);
        }
        if (route.access() != Access.PLATFORM_SIGNED) {
          continue;
        }
        assertThat(status(server, method, path, null, body(route)))
            .as("anonymous " + method + " " + path)
            .isIn(401, 403);
        assertThat(status(server, method, path, GatewayTestSupport.TOKEN, body(route)))
            .as("the gateway bearer is not the platform's credential: " + method + " " + path)
            .isIn(401, 403);
      }
      // nothing refused reached the inbox
      assertThat(dir.resolve("inbox/telegram.ndjson")).doesNotExist();
      assertThat(dir.resolve("inbox/whatsapp.ndjson")).doesNotExist();
      var accepted =
          GatewayTestSupport.client()
              .send(
                  java.net.http.HttpRequest.newBuilder(
                          java.net.URI.create(
                              "http://127.0.0.1:" + server.port() + "/webhooks/telegram"))
                      .header("X-Telegram-Bot-Api-Secret-Token", "tg-secret")
                      .POST(
                          java.net.http.HttpRequest.BodyPublishers.ofString(
                              "{\"update_id\":1,\"message\":{\"message_id\":9,\"date\":1760100000,"
                                  + "\"chat\":{\"id\":5,\"type\":\"private\"},"
                                  + "\"from\":{\"id\":7,\"username\":\"a\"},\"text\":\"hi\"}}"))
                      .build(),
                  java.net.http.HttpResponse.BodyHandlers.ofString());
      assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(200);
      assertThat(Files.readAllLines(dir.resolve("inbox/telegram.ndjson"))).hasSize(1);
    }
  }

  @Test
  void errorsUseTheJsonEnvelopeAndUnknownRoutesAre404() throws Exception {
    try (GatewayServer server =
        GatewayServer.start(
            GatewayTestSupport.config(AuthMode.TOKEN, dir, 10_000),
            GatewayTestSupport.offlineServices())) {
      // an unknown path under a protected prefix answers 401 too, so routes cannot be probed
      var unauthorized = send(server, "GET", "/v1/not-a-route", null, null);
      var error = Json.parse(unauthorized.body()).path("error");
      assertThat(error.path("code").asString()).isEqualTo("unauthorized");
      assertThat(error.path("type").asString()).isEqualTo("invalid_request_error");
      assertThat(error.path("message").asString()).isEqualTo("missing or invalid bearer token");
      assertThat(unauthorized.body()).doesNotContain(GatewayTestSupport.TOKEN);
      assertThat(
              send(server, "GET", "/v1/not-a-route", GatewayTestSupport.TOKEN, null).statusCode())
          .isEqualTo(404);
      var missing = send(server, "GET", "/no/such/route", null, null);
      assertThat(missing.statusCode()).isEqualTo(404);
      assertThat(Json.parse(missing.body()).path("error").path("code").asString())
          .isEqualTo("not_found");
    }
  }

  @Test
  void theRateLimitAnswers429WithRetryAfterPerPrincipal() throws Exception {
    try (GatewayServer server =
        GatewayServer.start(
            GatewayTestSupport.config(AuthMode.TOKEN, dir, 3),
            GatewayTestSupport.offlineServices())) {
      for (int i = 0; i < 3; i++) {
        assertThat(send(server, "GET", "/gateway/auth/bootstrap", null, null).statusCode())
            .isEqualTo(200);
      }
      var limited = send(server, "GET", "/gateway/auth/bootstrap", null, null);
      assertThat(limited.statusCode()).isEqualTo(429);
      assertThat(limited.headers().firstValue("Retry-After")).isPresent();
      assertThat(Json.parse(limited.body()).path("error").path("code").asString())
          .isEqualTo("rate_limited");
      // liveness is never rate-limited
      assertThat(send(server, "GET", "/healthz", null, null).statusCode()).isEqualTo(200);
    }
  }

  @Test
  void stoppingDrainsAndMarksTheServiceStopped() throws Exception {
    GatewayServer server =
        GatewayServer.start(
            GatewayTestSupport.config(AuthMode.LOCALHOST_DEV, dir, 100),
            GatewayTestSupport.offlineServices());
    assertThat(server.startReport().serviceStatus().wire()).isEqualTo("running");
    assertThat(server.stop()).isTrue();
    var report = server.context().stateFile().report();
    assertThat(report.serviceStatus().wire()).isEqualTo("stopped");
    assertThat(report.lastStopReason()).isEqualTo(GatewayServer.SHUTDOWN_REASON);
  }
}
