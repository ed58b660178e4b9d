package dev.tau.telemetry;

import dev.tau.core.json.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The summary of a telemetry file (zavora-spec §7.3): counts over the newest {@code limit} lines.
 *
 * @param path the path as the operator gave it (shown verbatim)
 * @param linesInFile every line of the file, blank ones included
 * @param eventsAnalyzed lines in the window that parsed as JSON objects
 * @param parseErrors non-blank lines in the window that did not
 * @param uniqueRuns distinct non-empty {@code run_id}s
 * @param completed {@code command.completed} events
 * @param failed {@code command.failed} events
 * @param toolRequested {@code tool.requested} events
 * @param toolSucceeded {@code tool.succeeded} events
 * @param toolFailed {@code tool.failed} events
 * @param topCommands up to five commands, most frequent first, then by name
 * @param lastEventTs the largest {@code ts_unix_ms}, or -1 when no line had one
 */
public record TelemetryReport(
    String path,
    long linesInFile,
    long eventsAnalyzed,
    long parseErrors,
    long uniqueRuns,
    long completed,
    long failed,
    long toolRequested,
    long toolSucceeded,
    long toolFailed,
    List<CommandCount> topCommands,
    long lastEventTs) {

  /** The default window. */
  public static final int DEFAULT_LIMIT = 5000;

  private static final int TOP = 5;

  /** How often one command label occurs. */
  public record CommandCount(String command, long count) {
    public CommandCount {
      Objects.requireNonNull(command, "command");
    }
  }

  public TelemetryReport {
    Objects.requireNonNull(path, "path");
    topCommands = List.copyOf(topCommands);
  }

  /**
   * Reads {@code file} and summarises its newest {@code max(limit, 1)} lines; empty when the file
   * does not exist.
   *
   * @param shownPath the path as given, for the {@code Path:} line
   * @throws IllegalArgumentException for a negative limit
   * @throws IOException when the file exists but cannot be read
   */
  public static Optional<TelemetryReport> read(Path file, String shownPath, int limit)
      throws IOException {
    if (limit < 0) {
      throw new IllegalArgumentException("--limit must be 0 or more, got " + limit);
    }
    String content;
    try {
      content = Files.readString(file, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      return Optional.empty();
    }
    return Optional.of(of(shownPath, content.lines().toList(), limit));
  }

  /** Summarises {@code lines} (the whole file, oldest first). */
  public static TelemetryReport of(String shownPath, List<String> lines, int limit) {
    int window = Math.max(limit, 1);
    long parsed = 0;
    long errors = 0;
    long completed = 0;
    long failed = 0;
    long requested = 0;
    long succeeded = 0;
    long toolFailed = 0;
    long maxTs = -1;
    Set<String> runs = new HashSet<>();
    Map<String, Long> commands = new HashMap<>();
    // newest first, as the reference tool walks the window
    for (int i = lines.size() - 1; i >= Math.max(0, lines.size() - window); i--) {
      String line = lines.get(i);
      if (line.isBlank()) {
        continue;
      }
      JsonNode node;
      try {
        node = Json.parse(line);
      } catch (RuntimeException e) {
        errors++;
        continue;
      }
      if (node == null || !node.isObject()) {
        errors++;
        continue;
      }
      parsed++;
      String run = text(node, "run_id");
      if (!run.isEmpty()) {
        runs.add(run);
      }
      String command = text(node, "command");
      if (!command.isEmpty()) {
        commands.merge(command, 1L, Long::sum);
      }
      JsonNode ts = node.get("ts_unix_ms");
      if (ts != null && ts.isIntegralNumber()) {
        maxTs = Math.max(maxTs, ts.asLong());
      }
      switch (text(node, "event")) {
        case "command.completed" -> completed++;
        case "command.failed" -> failed++;
        case "tool.requested" -> requested++;
        case "tool.succeeded" -> succeeded++;
        case "tool.failed" -> toolFailed++;
        default -> {}
      }
    }
    List<CommandCount> top = new ArrayList<>();
    commands.forEach((k, v) -> top.add(new CommandCount(k, v)));
    top.sort(
        Comparator.comparingLong(CommandCount::count)
            .reversed()
            .thenComparing(CommandCount::command));
    return new TelemetryReport(
        shownPath,
        lines.size(),
        parsed,
        errors,
        runs.size(),
        completed,
        failed,
        requested,
        succeeded,
        toolFailed,
        top.subList(0, Math.min(TOP, top.size())),
        maxTs);
  }

  private static String text(JsonNode node, String field) {
    JsonNode v = node.get(field);
    return v != null && v.isString() ? v.asString() : "";
  }

  /** The largest {@code ts_unix_ms} seen, if any. */
  public OptionalLong lastEvent() {
    return lastEventTs < 0 ? OptionalLong.empty() : OptionalLong.of(lastEventTs);
  }

  /** The message for a missing file. */
  public static String missing(String shownPath) {
    return "No telemetry file found at '" + shownPath + "'.";
  }

  /** The text report, one line per element, exactly as zavora-spec §7.3 shows it. */
  public List<String> lines() {
    List<String> out = new ArrayList<>();
    out.add("Telemetry report");
    out.add("Path: " + path);
    out.add("Lines in file: " + linesInFile);
    out.add("Events analyzed: " + eventsAnalyzed + " (parse_errors=" + parseErrors + ")");
    out.add("Unique runs: " + uniqueRuns);
    out.add("Command outcomes: completed=" + completed + " failed=" + failed);
    out.add(
        "Tool lifecycle: requested="
            + toolRequested
            + " succeeded="
            + toolSucceeded
            + " failed="
            + toolFailed);
    if (!topCommands.isEmpty()) {
      out.add("Top commands:");
      for (CommandCount c : topCommands) {
        out.add("- " + c.command() + ": " + c.count());
      }
    }
    lastEvent().ifPresent(ts -> out.add("Last event ts_unix_ms: " + ts));
    return out;
  }

  /** The report as JSON (snake_case keys; {@code last_event_ts_unix_ms} null when none). */
  public ObjectNode toJson() {
    ObjectNode root = Json.object();
    root.put("found", true);
    root.put("path", path);
    root.put("lines_in_file", linesInFile);
    root.put("events_analyzed", eventsAnalyzed);
    root.put("parse_errors", parseErrors);
    root.put("unique_runs", uniqueRuns);
    ObjectNode outcomes = root.putObject("command_outcomes");
    outcomes.put("completed", completed);
    outcomes.put("failed", failed);
    ObjectNode tools = root.putObject("tool_lifecycle");
    tools.put("requested", toolRequested);
    tools.put("succeeded", toolSucceeded);
    tools.put("failed", toolFailed);
    ArrayNode top = root.putArray("top_commands");
    for (CommandCount c : topCommands) {
      top.addObject().put("command", c.command()).put("count", c.count());
    }
    if (lastEventTs < 0) {
      root.putNull("last_event_ts_unix_ms");
    } else {
      root.put("last_event_ts_unix_ms", lastEventTs);
    }
    return root;
  }

  /** The JSON for a missing file. */
  public static ObjectNode missingJson(String shownPath) {
    ObjectNode root = Json.object();
    root.put("found", false);
    root.put("path", shownPath);
    root.put("message", missing(shownPath));
    return root;
  }
}
