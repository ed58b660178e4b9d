package dev.tau.gateway.cortex;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tau.core.json.Json;
import dev.tau.testkit.store.MutableClock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

class CortexObserverLogTest {
  @TempDir Path dir;
  final MutableClock clock = new MutableClock(Instant.ofEpochMilli(1_760_000_000_000L));

  @Test
  void appendWritesOneSchemaVersionedLinePerEventUnderOpenresponses() throws Exception {
    CortexObserverLog log = new CortexObserverLog(CortexObserverLog.defaultPath(dir), clock);
    var metadata = Json.object();
    metadata.put("session_key", "s1");
    log.append(ObserverEventType.SESSION_APPEND, metadata);
    clock.advance(Duration.ofSeconds(1));
    log.append(ObserverEventType.CORTEX_CHAT_REQUEST, null);

    Path file = dir.resolve("openresponses/cortex-observer-events.jsonl");
    List<String> lines = Files.readAllLines(file);
    assertThat(lines).hasSize(2);
    JsonNode first = Json.parse(lines.get(0));
    assertThat(first.path("schema_version").asInt()).isEqualTo(1);
    assertThat(first.path("timestamp_unix_ms").asLong()).isEqualTo(1_760_000_000_000L);
    assertThat(first.path("event_type").asString()).isEqualTo("session.append");
    assertThat(first.path("metadata").path("session_key").asString()).isEqualTo("s1");
    assertThat(Json.parse(lines.get(1)).path("event_type").asString())
        .isEqualTo("cortex.chat.request");
    assertThat(log.scan().lastEventUnixMs()).hasValue(1_760_000_001_000L);
  }

  @Test
  void theLogRotatesInsteadOfGrowingPastItsLimit() throws Exception {
    Path file = dir.resolve("observer.jsonl");
    CortexObserverLog log = new CortexObserverLog(file, clock, 300, 3);
    for (int i = 0; i < 12; i++) {
      log.append(ObserverEventType.SESSION_RESET, null);
    }
    assertThat(Files.size(file)).isLessThanOrEqualTo(300);
    assertThat(dir.resolve("observer.jsonl.1")).exists();
    assertThat(dir.resolve("observer.jsonl.2")).exists();
    assertThat(dir.resolve("observer.jsonl.3")).doesNotExist();
  }

  @Test
  void withOneFileKeptRotationDeletesTheOldLog() throws Exception {
    Path file = dir.resolve("observer.jsonl");
    CortexObserverLog log = new CortexObserverLog(file, clock, 150, 1);
    for (int i = 0; i < 5; i++) {
      log.append(ObserverEventType.MEMORY_WRITE, null);
    }
    assertThat(Files.size(file)).isLessThanOrEqualTo(150);
    assertThat(dir.resolve("observer.jsonl.1")).doesNotExist();
  }
}
