package dev.tau.channels.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tau.channels.store.ChannelStore.ContextEntry;
import dev.tau.channels.store.ChannelStore.Direction;
import dev.tau.channels.store.ChannelStore.LogEntry;
import dev.tau.core.json.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.node.ObjectNode;

class ChannelStoreTest {
  @TempDir Path base;

  static ObjectNode payload(String status) {
    ObjectNode p = Json.object();
    if (status != null) {
      p.put("status", status);
    }
    p.put("text", "hi");
    return p;
  }

  @Test
  void openCreatesTheSpecLayoutUnderChannelsSegment() throws Exception {
    ChannelStore store = ChannelStore.open(base, "telegram", "chat 100/../x");
    assertThat(store.dir()).isEqualTo(base.resolve("channels/telegram/chat_100_.._x-2e57b173"));
    for (String f :
        List.of("log.jsonl", "context.jsonl", "artifacts/index.jsonl", "attachments/index.jsonl")) {
      assertThat(store.dir().resolve(f)).exists();
    }
    assertThat(Json.parse(Files.readString(store.dir().resolve("schema.json"))).toString())
        .isEqualTo(
            "{\"schema_version\":1,\"transport\":\"telegram\",\"channel_id\":\"chat 100/../x\"}");
  }

  @Test
  void sanitiseTrimsUnderscoresAndFallsBackToChannel() {
    assertThat(ChannelStore.sanitize("_/a b/_")).isEqualTo("a_b-4a1a16cf");
    assertThat(ChannelStore.sanitize("///")).isEqualTo("channel-732c4e97");
    assertThat(ChannelStore.sanitize("chat-100"))
        .as("unchanged ids keep their path")
        .isEqualTo("chat-100");
  }

  @Test
  void dotNamesNeverEscapeAndDistinctIdsNeverShareADirectory() throws Exception {
    assertThat(ChannelStore.sanitize("..")).isEqualTo("channel-5ec1f7e7");
    assertThat(ChannelStore.sanitize(".")).isEqualTo("channel-cdb4ee2a");
    assertThat(ChannelStore.sanitize("../x")).isEqualTo(".._x-d6b96a97");
    ChannelStore dots = ChannelStore.open(base, "..", "..");
    assertThat(dots.dir().normalize()).startsWith(base.resolve("channels"));
    assertThat(dots.dir().getFileName().toString()).isNotEqualTo("..");
    List<Path> dirs =
        List.of("a:b", "a_b", "a b", "_a_b_").stream()
            .map(id -> ChannelStore.open(base, "telegram", id).dir())
            .toList();
    assertThat(dirs).doesNotHaveDuplicates();
    assertThat(dirs.get(1)).isEqualTo(base.resolve("channels/telegram/a_b"));
  }

  @Test
  void blankIdsAndForeignSchemaAreRefused() throws Exception {
    assertThatThrownBy(() -> ChannelStore.open(base, " ", "c")).hasMessageContaining("transport");
    assertThatThrownBy(() -> ChannelStore.open(base, "t", "")).hasMessageContaining("channel_id");
    ChannelStore store = ChannelStore.open(base, "discord", "a/b");
    Files.writeString(
        store.dir().resolve("schema.json"),
        "{\"schema_version\":1,\"transport\":\"discord\",\"channel_id\":\"a_b\"}");
    assertThatThrownBy(() -> ChannelStore.open(base, "discord", "a/b"))
        .hasMessageContaining("another store");
  }

  @Test
  void appendsAreIdempotentPerEventKeyAcrossReopen() {
    ChannelStore store = ChannelStore.open(base, "telegram", "chat-100");
    List<LogEntry> lines =
        List.of(
            new LogEntry(1, Direction.INBOUND, "telegram:42", "telegram", payload(null)),
            new LogEntry(
                2, Direction.OUTBOUND, "telegram:42", "tau-multi-channel-runner", payload(null)),
            new LogEntry(
                3,
                Direction.OUTBOUND,
                "telegram:42",
                "tau-multi-channel-runner",
                payload("typing_started")));
    assertThat(store.appendLog(lines)).isEqualTo(3);
    assertThat(store.appendLog(lines)).isZero();
    assertThat(store.appendContext(List.of(new ContextEntry(1, "user", "hi", "telegram:42"))))
        .isEqualTo(1);

    ChannelStore reopened = ChannelStore.open(base, "telegram", "chat-100");
    assertThat(reopened.appendLog(lines)).isZero();
    assertThat(reopened.hasLog("telegram:42", Direction.OUTBOUND, "typing_started")).isTrue();
    assertThat(
            reopened.appendContext(
                List.of(
                    new ContextEntry(1, "user", "hi", "telegram:42"),
                    new ContextEntry(2, "assistant", "yo", "telegram:42"))))
        .isEqualTo(1);
    assertThat(reopened.readLog().records()).hasSize(3);
    assertThat(reopened.readContext().records())
        .extracting(n -> n.get("role").asString())
        .containsExactly("user", "assistant");
    assertThat(reopened.readLog().records().getFirst().propertyNames())
        .containsExactly("timestamp_unix_ms", "direction", "event_key", "source", "payload");
  }

  @Test
  void systemLinesWithoutEventKeyAreAlwaysAppendedWithNullKey() {
    ChannelStore store = ChannelStore.open(base, "discord", "c");
    LogEntry system = new LogEntry(1, Direction.SYSTEM, "", "operator", payload(null));
    store.appendLog(List.of(system));
    store.appendLog(List.of(system));
    assertThat(store.readLog().records()).hasSize(2);
    assertThat(store.readLog().records().getFirst().get("event_key").isNull()).isTrue();
  }

  @Test
  void aLogLargerThanTwoGibibytesIsIndexedInChunksInsteadOfFailing() throws Exception {
    ChannelStore store = ChannelStore.open(base, "telegram", "big");
    store.appendLog(
        List.of(new LogEntry(1, Direction.INBOUND, "telegram:1", "telegram", payload(null))));
    Path log = base.resolve("channels/telegram/big/log.jsonl");
    try (var file = new java.io.RandomAccessFile(log.toFile(), "rw")) {
      file.setLength((1L << 31) + 4096); // a sparse tail: one endless torn line
    }

    ChannelStore reopened = ChannelStore.open(base, "telegram", "big");

    assertThat(reopened.hasLog("telegram:1", Direction.INBOUND, "")).isTrue();
    reopened.appendLog(
        List.of(new LogEntry(2, Direction.INBOUND, "telegram:2", "telegram", payload(null))));
    reopened.refresh();
    assertThat(reopened.hasLog("telegram:2", Direction.INBOUND, "")).isTrue();
  }

  @Test
  void tornLastLineIsToleratedAndLaterAppendsStayReadable() throws Exception {
    ChannelStore store = ChannelStore.open(base, "whatsapp", "p:1");
    store.appendLog(
        List.of(new LogEntry(1, Direction.INBOUND, "whatsapp:a", "whatsapp", payload(null))));
    // a crash mid-write leaves half a line without its newline
    Files.writeString(
        store.logFile(), "{\"timestamp_unix_ms\":2,\"direction\":\"inb", StandardOpenOption.APPEND);

    ChannelStore reopened = ChannelStore.open(base, "whatsapp", "p:1");
    assertThat(reopened.readLog().records()).hasSize(1);
    assertThat(reopened.readLog().invalidLines()).isEqualTo(1);
    assertThat(reopened.hasLog("whatsapp:a", Direction.INBOUND, "")).isTrue();
    reopened.appendLog(
        List.of(new LogEntry(3, Direction.INBOUND, "whatsapp:b", "whatsapp", payload(null))));
    assertThat(reopened.readLog().records())
        .extracting(n -> n.get("event_key").asString())
        .containsExactly("whatsapp:a", "whatsapp:b");
    assertThat(reopened.readLog().invalidLines()).isEqualTo(1);
  }

  @Test
  void aStoreKeptOpenPicksUpLinesOthersAppendedOnlyOnceTheyAreWholeAndAfterTruncation()
      throws Exception {
    ChannelStore kept = ChannelStore.open(base, "telegram", "chat-1");
    ChannelStore other = ChannelStore.open(base, "telegram", "chat-1");
    LogEntry x = new LogEntry(1, Direction.INBOUND, "telegram:x", "telegram", payload(null));
    other.appendLog(List.of(x));
    other.appendContext(List.of(new ContextEntry(1, "assistant", "hi", "telegram:x")));

    assertThat(kept.hasLog("telegram:x", Direction.INBOUND, "")).isFalse();
    kept.refresh();
    assertThat(kept.hasLog("telegram:x", Direction.INBOUND, "")).isTrue();
    assertThat(kept.hasContext("telegram:x", "assistant")).isTrue();
    assertThat(kept.appendLog(List.of(x))).as("already recorded by the other writer").isZero();

    // another writer's line arrives in two parts: indexed once it is whole
    String line =
        Json.write(new LogEntry(2, Direction.OUTBOUND, "telegram:y", "r", payload("sent")).toJson())
            + "\n";
    Files.writeString(kept.logFile(), line.substring(0, 20), StandardOpenOption.APPEND);
    kept.refresh();
    assertThat(kept.hasLog("telegram:y", Direction.OUTBOUND, "sent")).isFalse();
    Files.writeString(kept.logFile(), line.substring(20), StandardOpenOption.APPEND);
    kept.refresh();
    assertThat(kept.hasLog("telegram:y", Direction.OUTBOUND, "sent")).isTrue();

    Files.writeString(kept.logFile(), "");
    kept.refresh();
    assertThat(kept.hasLog("telegram:x", Direction.INBOUND, "")).as("file emptied").isFalse();
    assertThat(kept.appendLog(List.of(x))).isEqualTo(1);
  }

  @Test
  void withoutForceOnAppendLinesAreWrittenAtOnceAndSyncForcesThem() {
    ChannelStore store = ChannelStore.open(base, "discord", "c").forceOnAppend(false);
    store.appendLog(
        List.of(new LogEntry(1, Direction.INBOUND, "discord:1", "discord", payload(null))));
    store.appendContext(List.of(new ContextEntry(1, "user", "hi", "discord:1")));

    ChannelStore reader = ChannelStore.open(base, "discord", "c");
    assertThat(reader.hasLog("discord:1", Direction.INBOUND, "")).isTrue();
    assertThat(reader.hasContext("discord:1", "user")).isTrue();
    store.sync();
    store.sync(); // nothing left to force
  }
}
