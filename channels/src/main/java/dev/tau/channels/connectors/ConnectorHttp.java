package dev.tau.channels.connectors;

import dev.tau.channels.http.CappedBody;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/** The GET the pollers make; a seam so the retry logic can be tested without a network. */
public interface ConnectorHttp {

  /** A response: status, the {@code Retry-After} header if any, and the body. */
  record Response(int status, Optional<String> retryAfterHeader, String body) {}

  /**
   * @throws IOException on a transport failure (connect, reset, timeout)
   */
  Response get(URI uri, Map<String, String> headers, Duration timeout)
      throws IOException, InterruptedException;

  /**
   * The longest poll response read: a full Telegram {@code getUpdates} or Discord page of 100
   * messages stays well below it; a longer body is a {@code transport_error}.
   */
  long MAX_RESPONSE_BYTES = 8L * 1024 * 1024;

  /**
   * The JDK client; redirects are never followed, so a token never travels to another host; bodies
   * are read up to {@link #MAX_RESPONSE_BYTES}.
   */
  static ConnectorHttp jdk(Duration connectTimeout) {
    HttpClient client =
        HttpClient.newBuilder()
            .connectTimeout(connectTimeout)
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
    return (uri, headers, timeout) -> {
      HttpRequest.Builder request =
          HttpRequest.newBuilder(uri).timeout(timeout).header("accept", "application/json").GET();
      headers.forEach(request::header);
      HttpResponse<String> response =
          client.send(request.build(), CappedBody.utf8(MAX_RESPONSE_BYTES));
      return new Response(
          response.statusCode(), response.headers().firstValue("retry-after"), response.body());
    };
  }
}
