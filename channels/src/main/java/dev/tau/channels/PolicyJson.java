package dev.tau.channels;

import dev.tau.core.json.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * Strict reading of the operator's policy files: unknown keys, wrong types and unknown enum values
 * are errors naming the file and the field (a mistyped key silently ignored could open a channel).
 */
public final class PolicyJson {
  private final Path file;

  private PolicyJson(Path file) {
    this.file = file;
  }

  /** The file's JSON document, or empty when the file does not exist. */
  public static Optional<JsonNode> readIfExists(Path file) {
    String text;
    try {
      text = Files.readString(file);
    } catch (NoSuchFileException e) {
      return Optional.empty();
    } catch (IOException e) {
      throw new PolicyFileException(file, "cannot read file: " + e.getMessage());
    }
    try {
      return Optional.of(Json.parse(text));
    } catch (IllegalArgumentException e) {
      throw new PolicyFileException(file, e.getMessage());
    }
  }

  public static PolicyJson of(Path file) {
    return new PolicyJson(file);
  }

  public PolicyFileException error(String field, String problem) {
    return new PolicyFileException(file, "field '" + field + "' " + problem);
  }

  /** Checks {@code node} is an object whose keys are all in {@code allowed}. */
  public JsonNode object(JsonNode node, String field, Set<String> allowed) {
    if (node == null || !node.isObject()) {
      throw error(field, "must be a JSON object");
    }
    for (String key : node.propertyNames()) {
      if (!allowed.contains(key)) {
        throw error(prefix(field) + key, "is not a known field (expected one of " + allowed + ")");
      }
    }
    return node;
  }

  /** Requires {@code schema_version} to be 1 (absent counts as 1 only when {@code optional}). */
  public void schemaVersion(JsonNode node, String field, boolean optional) {
    JsonNode value = node.get("schema_version");
    if (value == null && optional) {
      return;
    }
    if (value == null || !value.isIntegralNumber() || value.asLong() != 1) {
      throw error(prefix(field) + "schema_version", "must be 1, found " + value);
    }
  }

  public boolean bool(JsonNode node, String key, String field, boolean fallback) {
    JsonNode value = node.get(key);
    if (value == null || value.isNull()) {
      return fallback;
    }
    if (!value.isBoolean()) {
      throw error(prefix(field) + key, "must be true or false");
    }
    return value.asBoolean();
  }

  public String string(JsonNode node, String key, String field, String fallback) {
    JsonNode value = node.get(key);
    if (value == null || value.isNull()) {
      if (fallback == null) {
        throw error(prefix(field) + key, "is required");
      }
      return fallback;
    }
    if (!value.isString()) {
      throw error(prefix(field) + key, "must be a string");
    }
    return value.asString();
  }

  public long integer(JsonNode node, String key, String field, long fallback) {
    JsonNode value = node.get(key);
    if (value == null || value.isNull()) {
      return fallback;
    }
    if (!value.isIntegralNumber() || !value.canConvertToLong() || value.asLong() < 0) {
      throw error(prefix(field) + key, "must be a non-negative integer");
    }
    return value.asLong();
  }

  /** An enum written in snake_case; the error lists the accepted values. */
  public <E extends Enum<E>> E enumValue(
      JsonNode node, String key, String field, Class<E> type, E fallback) {
    JsonNode value = node.get(key);
    if (value == null || value.isNull()) {
      return fallback;
    }
    StringBuilder accepted = new StringBuilder();
    for (E constant : type.getEnumConstants()) {
      String wire = constant.name().toLowerCase(Locale.ROOT);
      if (value.isString() && wire.equals(value.asString().strip())) {
        return constant;
      }
      accepted.append(accepted.isEmpty() ? "" : "|").append(wire);
    }
    throw error(prefix(field) + key, "must be one of " + accepted + ", found " + value);
  }

  private static String prefix(String field) {
    return field.isEmpty() ? "" : field + ".";
  }
}
