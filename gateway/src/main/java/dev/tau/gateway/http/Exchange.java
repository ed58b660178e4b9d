package dev.tau.gateway.http;

import dev.tau.core.json.Json;
import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import tools.jackson.databind.JsonNode;

/**
 * One request as the gateway's handlers see it: the Helidon request and response, the route, and
 * the authenticated principal (set by the auth stage).
 */
public final class Exchange {
  private final ServerRequest request;
  private final ServerResponse response;
  private final Route route;
  private String principal = "anonymous";

  Exchange(ServerRequest request, ServerResponse response, Route route) {
    this.request = request;
    this.response = response;
    this.route = route;
  }

  public ServerRequest request() {
    return request;
  }

  public ServerResponse response() {
    return response;
  }

  public Route route() {
    return route;
  }

  public String principal() {
    return principal;
  }

  void principal(String value) {
    this.principal = value;
  }

  /** A path parameter of the route pattern. */
  public String pathParam(String name) {
    return request.path().pathParameters().get(name);
  }

  /** A query parameter, or {@code fallback}. */
  public String query(String name, String fallback) {
    return request.query().contains(name) ? request.query().get(name) : fallback;
  }

  /** A header value, or null. */
  public String header(String name) {
    return request.headers().first(HeaderNames.create(name)).orElse(null);
  }

  /**
   * Reads the body as UTF-8, refusing more than {@code maxBytes} with 413 {@code input_too_large}.
   */
  public String bodyText(long maxBytes) {
    try (InputStream in = request.content().inputStream()) {
      byte[] bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBytes + 1));
      if (bytes.length > maxBytes) {
        throw new ApiError(
            ErrorCode.INPUT_TOO_LARGE, "request body exceeds max size of " + maxBytes + " bytes");
      }
      return new String(bytes, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new ApiError(
          ErrorCode.MALFORMED_JSON, "failed to read request body: " + e.getMessage());
    }
  }

  /** Reads and parses a JSON body (400 {@code malformed_json} when it is not JSON). */
  public JsonNode bodyJson(long maxBytes) {
    String text = bodyText(maxBytes);
    if (text.isBlank()) {
      throw new ApiError(ErrorCode.MALFORMED_JSON, "failed to parse request body: body is empty");
    }
    try {
      return Json.parse(text);
    } catch (IllegalArgumentException e) {
      throw new ApiError(
          ErrorCode.MALFORMED_JSON, "failed to parse request body: " + e.getMessage());
    }
  }

  /** Sends a JSON document with {@code status}. */
  public void json(int status, JsonNode body) {
    response.status(Status.create(status));
    response.header(HeaderNames.CONTENT_TYPE, "application/json");
    response.header(HeaderNames.CACHE_CONTROL, "no-store");
    response.send(Json.write(body).getBytes(StandardCharsets.UTF_8));
  }

  /** Sends a JSON error. */
  public void error(ApiError error) {
    if (error.retryAfter() != null) {
      long seconds = Math.max(1, (error.retryAfter().toMillis() + 999) / 1000);
      response.header(HeaderNames.RETRY_AFTER, Long.toString(seconds));
    }
    json(error.code().status(), error.body());
  }
}
