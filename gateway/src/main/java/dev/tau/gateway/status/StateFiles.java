package dev.tau.gateway.status;

import dev.tau.core.json.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * Reads the JSON state files and JSONL logs that status reports are computed from. A missing,
 * unreadable or unparsable file is a value, not an exception: status must still answer.
 */
public final class StateFiles {
  private StateFiles() {}

  /** The outcome of reading one JSON file. */
  public sealed interface Read {
    /** The file does not exist. */
    record Missing() implements Read {}

    /** The file exists but could not be read. */
    record ReadFailed(String message) implements Read {}

    /** The file was read but is not a JSON object. */
    record ParseFailed(String message) implements Read {}

    /** The parsed object. */
    record Loaded(JsonNode json) implements Read {}
  }

  /** The outcome of reading a JSONL log: its parsed object lines, and the count of bad lines. */
  public record Lines(boolean present, List<JsonNode> records, int invalid, String readError) {
    public Lines {
      records = List.copyOf(records);
    }

    /** The last valid record, or null. */
    public JsonNode last() {
      return records.isEmpty() ? null : records.getLast();
    }
  }

  /** Reads a JSON object file. */
  public static Read readObject(Path path) {
    if (!Files.exists(path)) {
      return new Read.Missing();
    }
    String text;
    try {
      text = Files.readString(path);
    } catch (IOException | RuntimeException e) {
      return new Read.ReadFailed(describe(e));
    }
    try {
      JsonNode node = Json.parse(text);
      if (!node.isObject()) {
        return new Read.ParseFailed("not a JSON object");
      }
      return new Read.Loaded(node);
    } catch (IllegalArgumentException e) {
      return new Read.ParseFailed(e.getMessage());
    }
  }

  /** Reads a JSONL log: blank lines are skipped, lines that are not JSON objects are counted. */
  public static Lines readLines(Path path) {
    if (!Files.exists(path)) {
      return new Lines(false, List.of(), 0, null);
    }
    List<String> lines;
    try {
      lines = Files.readAllLines(path);
    } catch (IOException | RuntimeException e) {
      return new Lines(true, List.of(), 0, describe(e));
    }
    List<JsonNode> records = new ArrayList<>();
    int invalid = 0;
    for (String line : lines) {
      if (line.isBlank()) {
        continue;
      }
      try {
        JsonNode node = Json.parse(line);
        if (node.isObject()) {
          records.add(node);
        } else {
          invalid++;
        }
      } catch (IllegalArgumentException e) {
        invalid++;
      }
    }
    return new Lines(true, records, invalid, null);
  }

  static String describe(Exception e) {
    String message = e.getMessage();
    return e.getClass().getSimpleName() + (message == null ? "" : ": " + message);
  }
}
