package dev.tau.telemetry;

import dev.tau.core.json.Json;
import java.util.Map;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** Converts a map of plain values to the JSON payload of an event. */
final class Fields {
  private Fields() {}

  static ObjectNode of(Map<String, ?> fields) {
    ObjectNode node = Json.object();
    for (Map.Entry<String, ?> e : fields.entrySet()) {
      put(node, e.getKey(), e.getValue());
    }
    return node;
  }

  private static void put(ObjectNode node, String key, Object value) {
    switch (value) {
      case null -> node.putNull(key);
      case String s -> node.put(key, s);
      case Boolean b -> node.put(key, b);
      case Integer i -> node.put(key, i);
      case Long l -> node.put(key, l);
      case Double d -> node.put(key, d);
      case Float f -> node.put(key, f);
      case Enum<?> en -> node.put(key, en.name().toLowerCase(java.util.Locale.ROOT));
      case Iterable<?> items -> {
        ArrayNode array = node.putArray(key);
        for (Object item : items) {
          array.add(String.valueOf(item));
        }
      }
      default -> node.put(key, value.toString());
    }
  }
}
