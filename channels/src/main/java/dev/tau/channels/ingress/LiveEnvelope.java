package dev.tau.channels.ingress;

import dev.tau.channels.Transport;
import dev.tau.core.json.Json;
import java.util.Objects;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.NullNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * One live-ingress line (tau-spec §5.3): {@code
 * {"schema_version":1,"transport":"…","provider":"…","payload":{…}}}. {@code transport} is kept as
 * written so an unknown one can be reported; {@code payload} is the platform's raw object.
 */
public record LiveEnvelope(int schemaVersion, String transport, String provider, JsonNode payload) {

  public LiveEnvelope {
    Objects.requireNonNull(transport, "transport");
    Objects.requireNonNull(provider, "provider");
    payload = payload == null ? NullNode.getInstance() : payload;
  }

  /** Wraps a raw platform payload; a blank provider becomes the transport's default label. */
  public static LiveEnvelope wrap(Transport transport, String provider, JsonNode payload) {
    String label = provider.isBlank() ? transport.defaultProvider() : provider.strip();
    return new LiveEnvelope(1, transport.wire(), label, payload);
  }

  /** The provider label, or the transport's default when blank. */
  public String effectiveProvider(Transport resolved) {
    return provider.isBlank() ? resolved.defaultProvider() : provider.strip();
  }

  /**
   * Reads an envelope document; defaults: schema 1, empty transport/provider, null payload.
   *
   * @throws NormalizationException {@code invalid_json} when the line is not a JSON object of the
   *     envelope's shape
   */
  public static LiveEnvelope fromJson(JsonNode node) {
    if (node == null || !node.isObject()) {
      throw new NormalizationException(
          IngressReason.INVALID_JSON, "envelope must be a JSON object");
    }
    JsonNode schema = node.get("schema_version");
    int version = 1;
    if (schema != null && !schema.isNull()) {
      if (!schema.isIntegralNumber() || !schema.canConvertToInt()) {
        throw new NormalizationException(
            IngressReason.INVALID_JSON, "schema_version must be an integer");
      }
      version = schema.asInt();
    }
    return new LiveEnvelope(
        version, textField(node, "transport"), textField(node, "provider"), node.get("payload"));
  }

  private static String textField(JsonNode node, String field) {
    JsonNode value = node.get(field);
    if (value == null || value.isNull()) {
      return "";
    }
    if (!value.isString()) {
      throw new NormalizationException(IngressReason.INVALID_JSON, field + " must be a string");
    }
    return value.asString();
  }

  public ObjectNode toJson() {
    ObjectNode node = Json.object();
    node.put("schema_version", schemaVersion);
    node.put("transport", transport);
    node.put("provider", provider);
    node.set("payload", payload);
    return node;
  }

  /** The compact single-line form appended to {@code <ingest-dir>/<transport>.ndjson}. */
  public String toLine() {
    return Json.write(toJson());
  }
}
