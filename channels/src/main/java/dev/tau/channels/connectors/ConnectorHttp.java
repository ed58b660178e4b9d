package dev.tau.channels.connectors;

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

  /** The JDK client; redirects are never followed, so a token never travels to another host. */
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
          client.send(request.build(), HttpResponse.BodyHandlers.ofString());
      return new Response(
          response.statusCode(), response.headers().firstValue("retry-after"), response.body());
    };
  }
}
