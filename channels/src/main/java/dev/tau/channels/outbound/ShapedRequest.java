package dev.tau.channels.outbound;

import java.net.URI;
import java.util.Map;
import java.util.Objects;

/**
 * One platform request as built from a chunk.
 *
 * @param uri the real URL (may hold the Telegram token; never written anywhere)
 * @param endpoint the URL for receipts, with any credential replaced by {@code <redacted>}
 * @param headers request headers (may hold credentials; never written anywhere)
 * @param body the JSON body
 */
record ShapedRequest(
    String method, URI uri, String endpoint, Map<String, String> headers, String body) {
  ShapedRequest {
    Objects.requireNonNull(method, "method");
    Objects.requireNonNull(uri, "uri");
    Objects.requireNonNull(endpoint, "endpoint");
    headers = Map.copyOf(headers);
    Objects.requireNonNull(body, "body");
  }
}
