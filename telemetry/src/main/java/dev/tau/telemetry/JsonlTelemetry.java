package dev.tau.telemetry;

import dev.tau.core.json.Json;
import dev.tau.core.util.Urls;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The append-only JSONL sink (zavora-spec §7.1): each event is one compact JSON object and a
 * newline, appended under a lock (the file is opened in append mode per event, so several processes
 * can share it). Parent directories are created on demand. A write failure is reported once on the
 * warning stream and never thrown.
 */
public final class JsonlTelemetry implements Telemetry {
  /** What replaces a value that looks like a secret. */
  public static final String REDACTED = "[REDACTED]";

  private static final Pattern SECRET_KEY =
      Pattern.compile(
          "(?i).*(api[_-]?key|token|secret|password|passwd|authorization|cookie|credential).*");
  private static final Pattern URL = Pattern.compile("\\b[a-zA-Z][a-zA-Z0-9+.-]*://[^\\s\"'<>]+");
  private static final Pattern SECRET_VALUE =
      Pattern.compile(
          "(?i)(bearer\\s+[A-Za-z0-9._~+/=-]{8,}"
              + "|\\bsk-[A-Za-z0-9_-]{16,}"
              + "|\\bAKIA[0-9A-Z]{16}\\b"
              + "|-----BEGIN [A-Z ]*PRIVATE KEY-----[\\s\\S]*?(-----END [A-Z ]*PRIVATE KEY-----|$))");

  private final Path file;
  private final String runId;
  private final String command;
  private final String sessionId;
  private final Clock clock;
  private final Consumer<String> warnings;
  private final Object lock = new Object();
  private boolean warned;

  /**
   * @param file the JSONL file (created with its parent directories on first write)
   * @param runId the process's run id ({@link RunId})
   * @param command the command label, e.g. {@code sessions.prune}
   * @param sessionId the configured session id ({@code ""} when none)
   * @param clock the source of {@code ts_unix_ms}
   * @param warnings receives the single write-failure warning line (stderr in the CLI)
   */
  public JsonlTelemetry(
      Path file,
      String runId,
      String command,
      String sessionId,
      Clock clock,
      Consumer<String> warnings) {
    this.file = Objects.requireNonNull(file, "file");
    this.runId = requireText(runId, "runId");
    this.command = Objects.requireNonNull(command, "command");
    this.sessionId = Objects.requireNonNull(sessionId, "sessionId");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.warnings = Objects.requireNonNull(warnings, "warnings");
  }

  /** The file events are appended to. */
  public Path file() {
    return file;
  }

  @Override
  public boolean enabled() {
    return true;
  }

  @Override
  public void emit(TelemetryEvent event, ObjectNode fields) {
    Objects.requireNonNull(event, "event");
    Objects.requireNonNull(fields, "fields");
    String line = line(event, fields) + "\n";
    byte[] bytes = line.getBytes(StandardCharsets.UTF_8);
    synchronized (lock) {
      try {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
          Files.createDirectories(parent);
        }
        Files.write(file, bytes, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
      } catch (IOException | RuntimeException e) {
        warnOnce(e);
      }
    }
  }

  /** The line for {@code event}: base fields in order, then the scrubbed payload. */
  String line(TelemetryEvent event, ObjectNode fields) {
    ObjectNode root = Json.object();
    root.put("ts_unix_ms", clock.millis());
    root.put("event", event.wire());
    root.put("run_id", runId);
    root.put("command", command);
    root.put("session_id", sessionId);
    for (Map.Entry<String, JsonNode> e : fields.properties()) {
      root.set(e.getKey(), scrub(e.getKey(), e.getValue()));
    }
    return Json.write(root);
  }

  private void warnOnce(Exception e) {
    if (warned) {
      return;
    }
    warned = true;
    warnings.accept(
        "tau: warning: could not write telemetry to "
            + file
            + ": "
            + scrubText(String.valueOf(e.getMessage()))
            + " (the command goes on; further telemetry failures are not reported)");
  }

  private static JsonNode scrub(String key, JsonNode value) {
    if (SECRET_KEY.matcher(key).matches() && !value.isNull() && !value.isNumber()) {
      return Json.mapper().getNodeFactory().stringNode(REDACTED);
    }
    if (value.isString()) {
      return Json.mapper().getNodeFactory().stringNode(scrubText(value.asString()));
    }
    if (value.isArray()) {
      ArrayNode copy = Json.array();
      for (JsonNode item : value) {
        copy.add(scrub("", item));
      }
      return copy;
    }
    if (value.isObject()) {
      ObjectNode copy = Json.object();
      List<Map.Entry<String, JsonNode>> entries = new ArrayList<>(value.properties());
      for (Map.Entry<String, JsonNode> e : entries) {
        copy.set(e.getKey(), scrub(e.getKey(), e.getValue()));
      }
      return copy;
    }
    return value;
  }

  /** Text with URL credentials/queries and secret-shaped tokens removed. */
  static String scrubText(String text) {
    String noSecrets = SECRET_VALUE.matcher(text).replaceAll(REDACTED);
    Matcher m = URL.matcher(noSecrets);
    StringBuilder sb = new StringBuilder();
    while (m.find()) {
      m.appendReplacement(sb, Matcher.quoteReplacement(Urls.redact(m.group())));
    }
    m.appendTail(sb);
    return sb.toString();
  }

  private static String requireText(String value, String name) {
    Objects.requireNonNull(value, name);
    if (value.isBlank()) {
      throw new IllegalArgumentException(name + " must not be blank");
    }
    return value;
  }

  @Override
  public String toString() {
    return "JsonlTelemetry[" + file + "]";
  }
}
