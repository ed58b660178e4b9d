package dev.tau.gateway.features;

import dev.tau.gateway.GatewayContext;
import dev.tau.gateway.GatewayFeature;
import dev.tau.gateway.http.Access;
import dev.tau.gateway.http.ApiError;
import dev.tau.gateway.http.ErrorCode;
import dev.tau.gateway.http.Exchange;
import dev.tau.gateway.http.RouteTable;
import dev.tau.gateway.ui.StaticAssets;
import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.ServerResponse;

/**
 * The browser pages: {@code GET /webchat} and {@code GET /dashboard} (public shells that hold no
 * data: everything they show comes from protected routes called with the operator's bearer) and
 * their files under {@code /web/}. Every answer carries a strict Content-Security-Policy (only this
 * origin's scripts, styles and connections; no inline script, no framing), {@code nosniff} and an
 * ETag; {@code Cache-Control: no-cache} makes browsers revalidate, so an upgrade is seen at once.
 */
public final class UiFeature implements GatewayFeature {
  /** The policy every page and file is served with. */
  public static final String CONTENT_SECURITY_POLICY =
      "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:;"
          + " connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none';"
          + " form-action 'self'; frame-ancestors 'none'";

  private final StaticAssets assets = StaticAssets.load();

  @Override
  public void register(RouteTable routes, GatewayContext context) {
    routes.get("/webchat", Access.PUBLIC, exchange -> send(exchange, "webchat.html"));
    routes.get("/dashboard", Access.PUBLIC, exchange -> send(exchange, "dashboard.html"));
    routes.get(
        "/web/{+path}", Access.PUBLIC, exchange -> send(exchange, exchange.pathParam("path")));
  }

  private void send(Exchange exchange, String name) {
    StaticAssets.Asset asset =
        assets
            .find(name)
            .orElseThrow(
                () -> new ApiError(ErrorCode.NOT_FOUND, "no web asset named '" + name + "'"));
    ServerResponse response = exchange.response();
    response.header(HeaderNames.CACHE_CONTROL, "no-cache");
    response.header(HeaderNames.ETAG, asset.etag());
    response.header(HeaderNames.create("Content-Security-Policy"), CONTENT_SECURITY_POLICY);
    response.header(HeaderNames.X_CONTENT_TYPE_OPTIONS, "nosniff");
    response.header(HeaderNames.create("Referrer-Policy"), "no-referrer");
    response.header(HeaderNames.create("X-Frame-Options"), "DENY");
    String presented = exchange.header("If-None-Match");
    if (presented != null && presented.contains(asset.etag())) {
      response.status(Status.NOT_MODIFIED_304);
      response.send();
      return;
    }
    response.header(HeaderNames.CONTENT_TYPE, asset.contentType());
    response.status(Status.OK_200);
    response.send(asset.bytes());
  }
}
