package dev.tau.telemetry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import dev.tau.core.json.Json;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

class JsonlTelemetryTest {
  private static final Clock CLOCK =
      Clock.fixed(Instant.ofEpochMilli(1760000000123L), ZoneOffset.UTC);

  @TempDir Path dir;
  private final ByteArrayOutputStream warnings = new ByteArrayOutputStream();

  private JsonlTelemetry sink(Path file) {
    return new JsonlTelemetry(
        file,
        "run-1760000000000-4242",
        "sessions.prune",
        "default-session",
        CLOCK,
        line -> new PrintStream(warnings, true, StandardCharsets.UTF_8).println(line));
  }

  @Test
  void writesBaseFieldsInSpecOrderThenThePayloadAsOneCompactLine() throws Exception {
    Path file = dir.resolve("nested/deeper/events.jsonl");
    Map<String, Object> fields = new LinkedHashMap<>();
    fields.put("duration_ms", 3L);
    fields.put("status", "error");
    sink(file).emit(TelemetryEvent.COMMAND_FAILED, fields);

    assertThat(Files.readString(file))
        .isEqualTo(
            "{\"ts_unix_ms\":1760000000123,\"event\":\"command.failed\","
                + "\"run_id\":\"run-1760000000000-4242\",\"command\":\"sessions.prune\","
                + "\"session_id\":\"default-session\",\"duration_ms\":3,\"status\":\"error\"}\n");
  }

  @Test
  void appendsToAnExistingFileAndPayloadKeysOverwriteBaseKeys() throws Exception {
    Path file = dir.resolve("events.jsonl");
    Files.writeString(file, "{\"old\":true}\n");
    JsonlTelemetry sink = sink(file);
    sink.emit(TelemetryEvent.COMMAND_STARTED);
    sink.emit(TelemetryEvent.TOOL_REQUESTED, Map.of("session_id", "other", "tool", "read"));

    List<String> lines = Files.readAllLines(file);
    assertThat(lines).hasSize(3);
    assertThat(lines.get(0)).isEqualTo("{\"old\":true}");
    JsonNode last = Json.parse(lines.get(2));
    assertThat(last.get("session_id").asString()).isEqualTo("other");
    assertThat(last.get("tool").asString()).isEqualTo("read");
    assertThat(last.propertyNames().iterator().next()).isEqualTo("ts_unix_ms");
  }

  @Test
  void concurrentEmittersNeverInterleaveLines() throws Exception {
    Path file = dir.resolve("events.jsonl");
    JsonlTelemetry sink = sink(file);
    int threads = 16;
    int perThread = 50;
    CountDownLatch start = new CountDownLatch(1);
    try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
      for (int t = 0; t < threads; t++) {
        int id = t;
        pool.submit(
            () -> {
              start.await();
              for (int i = 0; i < perThread; i++) {
                sink.emit(
                    TelemetryEvent.TOOL_SUCCEEDED,
                    Map.of("tool", "t" + id, "i", i, "padding", "x".repeat(2000)));
              }
              return null;
            });
      }
      start.countDown();
    }
    List<String> lines = Files.readAllLines(file);
    assertThat(lines).hasSize(threads * perThread);
    List<String> seen = new ArrayList<>();
    for (String line : lines) {
      JsonNode node = Json.parse(line);
      seen.add(node.get("tool").asString() + "/" + node.get("i").asInt());
    }
    assertThat(seen).doesNotHaveDuplicates();
  }

  @Test
  void secretsAndUrlCredentialsNeverReachTheFile() throws Exception {
    Path file = dir.resolve("events.jsonl");
    Map<String, Object> fields = new LinkedHashMap<>();
    fields.put("api_key", "sk-live-abcdefghijklmnopqrstuvwxyz");
    fields.put("Authorization", "Bearer abcdef0123456789");
    fields.put(
        "error",
        "request to https://bob:hunter2@api.example.com/v1/chat?key=topsecret failed; "
            + "token sk-abcdefghijklmnopqrstuvwx rejected (Bearer qwertyuiop123456)");
    sink(file).emit(TelemetryEvent.COMMAND_FAILED, fields);

    String text = Files.readString(file);
    assertThat(text)
        .doesNotContain(
            "hunter2", "topsecret", "abcdefghijklmnop", "qwertyuiop", "abcdef0123456789")
        .contains("https://***@api.example.com/v1/chat?***")
        .contains("\"api_key\":\"[REDACTED]\"");
  }

  @Test
  void aWriteFailureWarnsOnceAndNeverThrows() throws Exception {
    Path file = dir.resolve("is-a-directory");
    Files.createDirectories(file);
    JsonlTelemetry sink = sink(file);

    assertThatCode(
            () -> {
              sink.emit(TelemetryEvent.COMMAND_STARTED);
              sink.emit(TelemetryEvent.COMMAND_COMPLETED);
            })
        .doesNotThrowAnyException();
    String warned = warnings.toString(StandardCharsets.UTF_8);
    assertThat(warned).contains("could not write telemetry to " + file);
    assertThat(warned.lines().count()).isEqualTo(1);
  }

  @Test
  void theDisabledSinkWritesNothing() throws Exception {
    Telemetry off = Telemetry.disabled();
    off.emit(TelemetryEvent.COMMAND_STARTED, Map.of("x", 1));
    assertThat(off.enabled()).isFalse();
    try (var files = Files.list(dir)) {
      assertThat(files).isEmpty();
    }
  }

  @Test
  void runIdIsRunUnixMsPid() {
    assertThat(RunId.of(1760000000000L, 4242)).isEqualTo("run-1760000000000-4242");
    assertThat(RunId.forThisProcess(CLOCK))
        .isEqualTo("run-1760000000123-" + ProcessHandle.current().pid());
  }

  @Test
  void guardrailEventsAreNamedByDirectionAndOutcome() {
    assertThat(TelemetryEvent.guardrail("input", "blocked").wire())
        .isEqualTo("guardrail.input.blocked");
    assertThat(TelemetryEvent.guardrail("OUTPUT", "redacted"))
        .isEqualTo(TelemetryEvent.GUARDRAIL_OUTPUT_REDACTED);
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> TelemetryEvent.guardrail("sideways", "blocked"))
        .hasMessageContaining("sideways");
  }
}
