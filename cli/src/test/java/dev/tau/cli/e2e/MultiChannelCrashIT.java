package dev.tau.cli.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tau.core.json.Json;
import dev.tau.testkit.fakes.FakeOpenAiServer;
import dev.tau.testkit.fakes.FakeReply;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * Crash safety of the live runner: a real {@code bin/tau} runner is killed with SIGKILL in the
 * middle of a batch; the next run answers every remaining event, and no event is answered twice.
 */
class MultiChannelCrashIT {
  private static final int EVENTS = 12;
  private static final String STORE =
      ".tau/multi-channel/channel-store/channels/telegram/chat-100/";

  @TempDir Path work;

  private List<String> command() {
    return List.of(
        TauProcess.launcher().toString(),
        "--model",
        "openai/gpt-4o-mini",
        "--multi-channel-live-runner",
        "--multi-channel-state-dir",
        ".tau/multi-channel",
        "--multi-channel-live-ingress-dir",
        ".tau/multi-channel/live-ingress");
  }

  private Map<String, String> env(FakeOpenAiServer fake) {
    Map<String, String> env = new HashMap<>(TauProcess.cleanEnv(work));
    env.put("OPENAI_API_KEY", "sk-crash-test");
    env.put("TAU_OPENAI_BASE_URL", fake.baseUrl().toString());
    return env;
  }

  private List<JsonNode> lines(String relative) throws Exception {
    Path file = work.resolve(relative);
    List<JsonNode> out = new ArrayList<>();
    if (!Files.exists(file)) {
      return out;
    }
    for (String line : Files.readAllLines(file)) {
      try {
        out.add(Json.parse(line));
      } catch (RuntimeException torn) {
        // a line cut by the kill; the store skips it too
      }
    }
    return out;
  }

  private long answered() throws Exception {
    return lines(STORE + "context.jsonl").stream()
        .filter(l -> "assistant".equals(l.get("role").asString()))
        .count();
  }

  @Test
  void aRunnerKilledMidBatchLosesNoEventAndAnswersNoneTwice() throws Exception {
    Path inbox = Files.createDirectories(work.resolve(".tau/multi-channel/live-ingress"));
    StringBuilder lines = new StringBuilder();
    for (int i = 1; i <= EVENTS; i++) {
      lines.append(
          "{\"schema_version\":1,\"transport\":\"telegram\",\"payload\":{\"update_id\":"
              + (9000 + i)
              + ",\"message\":{\"message_id\":"
              + i
              + ",\"date\":"
              + (1760100000 + i)
              + ",\"chat\":{\"id\":\"chat-100\",\"type\":\"private\"},\"from\":{\"id\":\"user-7\",\"username\":\"alice\"},\"text\":\"question "
              + i
              + "\"}}}\n");
    }
    Files.writeString(inbox.resolve("telegram.ndjson"), lines);

    int firstRunRequests;
    try (var slow = new FakeOpenAiServer()) {
      for (int i = 0; i < EVENTS; i++) {
        slow.enqueue(
            FakeReply.text("first run answer " + i).withHeaderDelay(Duration.ofMillis(400)));
      }
      ProcessBuilder pb =
          new ProcessBuilder(command()).directory(work.toFile()).redirectErrorStream(true);
      pb.redirectOutput(work.resolve("first-run.txt").toFile());
      pb.environment().clear();
      pb.environment().putAll(env(slow));
      Process first = pb.start();
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
      while (answered() < 3 && System.nanoTime() < deadline && first.isAlive()) {
        Thread.sleep(20);
      }
      assertThat(first.isAlive()).as(Files.readString(work.resolve("first-run.txt"))).isTrue();
      first.destroyForcibly(); // SIGKILL: bin/tau execs the JVM, so this is the runner itself
      assertThat(first.waitFor(30, TimeUnit.SECONDS)).isTrue();
      firstRunRequests = slow.requests().size();
    }
    long answeredBefore = answered();
    assertThat(answeredBefore).isBetween(3L, (long) EVENTS - 1);
    assertThat(Files.exists(work.resolve(".tau/multi-channel/state.json"))).isFalse();

    try (var fast = new FakeOpenAiServer()) {
      for (int i = 0; i < EVENTS; i++) {
        fast.enqueue(FakeReply.text("second run answer " + i));
      }
      var second =
          TauProcess.run(
              work, env(fast), null, command().subList(1, command().size()).toArray(String[]::new));
      assertThat(second.exitCode()).as(second.stderr()).isZero();
      assertThat(second.stdout()).contains("failed=0");
      // only the event whose model call was cut off may be asked again
      assertThat(firstRunRequests + fast.requests().size()).isLessThanOrEqualTo(EVENTS + 1);
    }

    Map<String, Integer> responses = new HashMap<>();
    for (JsonNode line : lines(STORE + "log.jsonl")) {
      if (line.at("/payload/response").isString()) {
        responses.merge(line.get("event_key").asString(), 1, Integer::sum);
      }
    }
    assertThat(responses)
        .hasSize(EVENTS)
        .allSatisfy((key, count) -> assertThat(count).as(key).isEqualTo(1));
    Map<String, Integer> assistant = new HashMap<>();
    for (JsonNode line : lines(STORE + "context.jsonl")) {
      if ("assistant".equals(line.get("role").asString())) {
        assistant.merge(line.get("event_key").asString(), 1, Integer::sum);
      }
    }
    assertThat(assistant)
        .hasSize(EVENTS)
        .allSatisfy((key, count) -> assertThat(count).as(key).isEqualTo(1));
    JsonNode state = Json.parse(Files.readString(work.resolve(".tau/multi-channel/state.json")));
    assertThat(state.get("processed_event_keys")).hasSize(EVENTS);
  }
}
