package dev.tau.channels.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tau.channels.outbound.OutboundDispatchers;
import dev.tau.channels.outbound.OutboundSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LiveRunnerLoopTest {
  @TempDir Path dir;

  private final List<String> out = new CopyOnWriteArrayList<>();
  private final List<String> err = new CopyOnWriteArrayList<>();
  private final List<String> prompts = new CopyOnWriteArrayList<>();

  private LiveRunnerLoop loop(Duration interval) {
    OutboundSettings outbound = OutboundSettings.defaults();
    MultiChannelRunner runner =
        new MultiChannelRunner(
            dir.resolve("state"),
            RunnerSettings.DEFAULTS,
            (event, key, prompt) -> {
              prompts.add(prompt);
              return new ReplyGenerator.Reply.Answered("re: " + prompt);
            },
            TauCommandHook.UNAVAILABLE,
            OutboundDispatchers.create(outbound, OutboundDispatchers.httpClient(outbound)),
            Clock.systemUTC(),
            millis -> {},
            err::add);
    return new LiveRunnerLoop(runner, dir.resolve("inbox"), interval, out::add, err::add);
  }

  private void append(String line) throws Exception {
    Files.createDirectories(dir.resolve("inbox"));
    Files.writeString(
        dir.resolve("inbox/telegram.ndjson"),
        line + "\n",
        StandardOpenOption.CREATE,
        StandardOpenOption.APPEND);
  }

  private static String telegram(int id, String text) {
    return "{\"schema_version\":1,\"transport\":\"telegram\",\"payload\":{\"update_id\":"
        + id
        + ",\"message\":{\"message_id\":"
        + id
        + ",\"date\":1760100000,\"chat\":{\"id\":5,\"type\":\"private\"},"
        + "\"from\":{\"id\":7,\"username\":\"a\"},\"text\":\""
        + text
        + "\"}}}";
  }

  private static void await(String what, BooleanSupplier condition) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (!condition.getAsBoolean()) {
      assertThat(System.nanoTime()).as(what).isLessThan(deadline);
      Thread.sleep(10);
    }
  }

  @Test
  void runsAtStartOnEachWakeUpWithNewEventsAndNotWhileIdle() throws Exception {
    append(telegram(1, "left from before"));
    LiveRunnerLoop loop = loop(Duration.ofMinutes(5)).start();
    try {
      await("the start cycle", () -> loop.cycles() == 1);
      assertThat(prompts).containsExactly("left from before");
      long afterStart = loop.cycles();

      loop.wake(); // nothing changed: no cycle, no report
      Thread.sleep(200);
      assertThat(loop.cycles()).isEqualTo(afterStart);

      append(telegram(2, "new one"));
      loop.wake();
      await("the new event's cycle", () -> prompts.size() == 2);
      assertThat(prompts).containsExactly("left from before", "new one");
      assertThat(out).anyMatch(l -> l.startsWith("multi-channel live runner summary:"));
    } finally {
      assertThat(loop.stop(Duration.ofSeconds(5))).isTrue();
    }
  }

  @Test
  void noticesInboxChangesWithoutAWakeUpAndReportsABadLineOnce() throws Exception {
    LiveRunnerLoop loop = loop(Duration.ofMillis(20)).start();
    try {
      append("{not json");
      append(telegram(3, "appended by another process"));
      await("the appended event", () -> prompts.size() == 1);
      append(telegram(4, "and another"));
      await("the second event", () -> prompts.size() == 2);
      assertThat(err.stream().filter(l -> l.contains("parse failure")).count()).isEqualTo(1);
    } finally {
      loop.close();
    }
  }

  @Test
  void stopEndsAnIdleLoopAtOnce() throws Exception {
    LiveRunnerLoop loop = loop(Duration.ofMinutes(5)).start();
    await("the start cycle", () -> loop.cycles() == 1);
    long started = System.nanoTime();
    assertThat(loop.stop(Duration.ofSeconds(5))).isTrue();
    assertThat(System.nanoTime() - started).isLessThan(TimeUnit.SECONDS.toNanos(2));
  }
}
