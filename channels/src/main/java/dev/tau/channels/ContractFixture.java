package dev.tau.channels;

import dev.tau.core.error.InputException;
import dev.tau.core.json.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A multi-channel contract fixture (tau-spec §5.4): {@code
 * {"schema_version":1,"name","description","events":[…]}}. Building one checks the schema, a
 * non-blank name, at least one event and unique event keys.
 */
public record ContractFixture(
    int schemaVersion, String name, String description, List<InboundEvent> events) {

  public ContractFixture {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(description, "description");
    events = List.copyOf(events);
    if (schemaVersion != 1) {
      throw new IllegalArgumentException(
          "unsupported fixture schema_version " + schemaVersion + " (expected 1)");
    }
    if (name.isBlank()) {
      throw new IllegalArgumentException("fixture name cannot be empty");
    }
    if (events.isEmpty()) {
      throw new IllegalArgumentException("fixture must include at least one event");
    }
    Set<String> keys = new HashSet<>();
    for (InboundEvent event : events) {
      if (!keys.add(event.eventKey())) {
        throw new IllegalArgumentException(
            "fixture contains duplicate transport event key '" + event.eventKey() + "'");
      }
    }
  }

  /**
   * Reads and validates a fixture file.
   *
   * @throws InputException naming the file and, for a bad event, its index
   */
  public static ContractFixture load(Path file) {
    String text;
    try {
      text = Files.readString(file);
    } catch (NoSuchFileException e) {
      throw new InputException("multi-channel fixture " + file + " does not exist");
    } catch (IOException e) {
      throw new InputException("cannot read multi-channel fixture " + file + ": " + e.getMessage());
    }
    try {
      return fromJson(Json.parse(text));
    } catch (IllegalArgumentException e) {
      throw new InputException("invalid multi-channel fixture " + file + ": " + e.getMessage(), e);
    }
  }

  /** Parses a fixture document; errors name the field or {@code fixture event index <i>}. */
  public static ContractFixture fromJson(JsonNode node) {
    if (!node.isObject()) {
      throw new IllegalArgumentException("fixture must be a JSON object");
    }
    JsonNode schema = node.get("schema_version");
    int version = schema == null ? 1 : schema.isIntegralNumber() ? schema.asInt() : -1;
    JsonNode rawEvents = node.get("events");
    if (rawEvents == null || !rawEvents.isArray()) {
      throw new IllegalArgumentException("events must be an array");
    }
    List<InboundEvent> events = new ArrayList<>(rawEvents.size());
    for (int i = 0; i < rawEvents.size(); i++) {
      try {
        events.add(InboundEvent.fromJson(rawEvents.get(i)));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("fixture event index " + i + ": " + e.getMessage(), e);
      }
    }
    return new ContractFixture(
        version, Json.text(node, "name", ""), Json.text(node, "description", ""), events);
  }

  public ObjectNode toJson() {
    ObjectNode node = Json.object();
    node.put("schema_version", schemaVersion);
    node.put("name", name);
    node.put("description", description);
    var list = node.putArray("events");
    events.forEach(e -> list.add(e.toJson()));
    return node;
  }
}
