package dev.tau.testkit.fakes;

import dev.tau.core.json.Json;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * A request a fake server received.
 *
 * @param method the HTTP method
 * @param path the path, without the query
 * @param query the raw query, or empty
 * @param headers the headers, names in lower case
 * @param body the body text
 */
public record RecordedRequest(
    String method, String path, String query, Map<String, List<String>> headers, String body) {

  public RecordedRequest {
    headers = Map.copyOf(headers);
  }

  /** The first value of a header (case-insensitive name). */
  public Optional<String> header(String name) {
    List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
    return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
  }

  /** The body parsed as JSON. */
  public JsonNode json() {
    return Json.parse(body);
  }

  /** The path with its query, as it appeared on the request line. */
  public String target() {
    return query.isEmpty() ? path : path + "?" + query;
  }
}
