package dev.tau.channels.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tau.channels.InboundEvent;
import dev.tau.channels.outbound.DeliveryOutcome;
import dev.tau.channels.outbound.DeliveryReceipt;
import dev.tau.channels.outbound.OutboundDispatcher;
import dev.tau.channels.outbound.OutboundMode;
import dev.tau.core.json.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/** The live runner over an inbox file: the byte cursor, and events that fail for good. */
class MultiChannelRunnerInboxTest {
  @TempDir Path tau;

  private final Clock clock = Clock.fixed(Instant.ofEpochMilli(1_770_000_000_000L), ZoneOffset.UTC);
  private final List<String> prompts = new ArrayList<>();
  private final List<String> warnings = new ArrayList<>();
  private final List<String> diagnostics = new ArrayList<>();

  private final ReplyGenerator echo =
      (event, session, prompt) -> {
        prompts.add(prompt);
        return new ReplyGenerator.Reply.Answered("re: " + prompt);
      };

  private Path stateDir() {
    return tau.resolve("multi-channel");
  }

  private Path inbox() {
    return tau.resolve("inbox");
  }

  private Path telegramFile() {
    return inbox().resolve("telegram.ndjson");
  }

  private MultiChannelRunner runner(RunnerSettings settings, ReplyGenerator replies) {
    return runner(settings, replies, new ChannelStoreOnly());
  }

  private MultiChannelRunner runner(
      RunnerSettings settings, ReplyGenerator replies, OutboundDispatcher dispatcher) {
    return new MultiChannelRunner(
        stateDir(),
        settings,
        replies,
        TauCommandHook.UNAVAILABLE,
        dispatcher,
        clock,
        millis -> {},
        warnings::add);
  }

  private static RunnerSettings settings(int queueLimit, int cap, int attempts) {
    return new RunnerSettings(
        queueLimit, cap, attempts, 0, 0, TelemetryPolicy.DEFAULTS, MediaPolicy.DEFAULTS);
  }

  private static final class ChannelStoreOnly implements OutboundDispatcher {
    @Override
    public OutboundMode mode() {
      return OutboundMode.CHANNEL_STORE;
    }

    @Override
    public DeliveryOutcome deliver(InboundEvent event, String text) {
      return DeliveryOutcome.channelStore();
    }
  }

  static String line(int chat, int id, String text) {
    return "{\"schema_version\":1,\"transport\":\"telegram\",\"payload\":{\"update_id\":"
        + id
        + ",\"message\":{\"message_id\":"
        + id
        + ",\"date\":"
        + (1_760_100_000 + id)
        + ",\"chat\":{\"id\":"
        + chat
        + ",\"type\":\"private\"},\"from\":{\"id\":7,\"username\":\"a\"},\"text\":\""
        + text
        + "\"}}}";
  }

  private void append(String text) throws Exception {
    Files.createDirectories(inbox());
    Files.writeString(telegramFile(), text, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
  }

  private CycleReport cycle(MultiChannelRunner runner) throws Exception {
    return runner.runLiveCycle(inbox(), diagnostics::add);
  }

  private JsonNode state() throws Exception {
    return Json.parse(Files.readString(stateDir().resolve("state.json")));
  }

  private List<JsonNode> log(int chat) throws Exception {
    Path file = stateDir().resolve("channel-store/channels/telegram/" + chat + "/log.jsonl");
    return Files.readAllLines(file).stream().filter(l -> !l.isBlank()).map(Json::parse).toList();
  }

  @Test
  void anInboxLongerThanTheProcessedCapStillAnswersNewEventsInTheirFirstCycle() throws Exception {
    // cap 5, queue 2: the original re-read the whole inbox, evicted keys came back as pending,
    // sorted first and filled the queue, so new events starved
    RunnerSettings small = settings(2, 5, 1);
    for (int i = 1; i <= 12; i++) {
      append(line(5, i, "m" + i) + "\n");
    }
    MultiChannelRunner runner = runner(small, echo);
    for (int cycle = 0; cycle < 6; cycle++) {
      cycle(runner);
    }
    assertThat(prompts).hasSize(12);
    assertThat(state().at("/inbox_cursors/telegram/offset").asLong())
        .isEqualTo(Files.size(telegramFile()));

    append(line(5, 13, "new") + "\n");
    CycleReport report = cycle(runner);
    assertThat(report.discovered()).as("only the new line is read").isEqualTo(1);
    assertThat(report.completed()).isEqualTo(1);
    assertThat(prompts).hasSize(13).endsWith("new");
    assertThat(cycle(runner(small, echo)).discovered()).isZero();
  }

  @Test
  void aTornLastLineWaitsUntilItIsCompleteAndTheCursorSurvivesARestart() throws Exception {
    String whole = line(5, 1, "hello");
    append(whole.substring(0, 40));
    CycleReport first = cycle(runner(settings(64, 100, 1), echo));
    assertThat(first.discovered()).isZero();
    assertThat(diagnostics).as("an append in progress is not an invalid line").isEmpty();
    assertThat(state().at("/inbox_cursors/telegram/offset").asLong()).isZero();

    append(whole.substring(40) + "\n{not json\n");
    CycleReport second = cycle(runner(settings(64, 100, 1), echo));
    assertThat(second.completed()).isEqualTo(1);
    assertThat(diagnostics).singleElement().asString().contains("line=2");
    assertThat(cycle(runner(settings(64, 100, 1), echo)).discovered()).isZero();
    assertThat(prompts).containsExactly("hello");
  }

  @Test
  void aReplacedInboxFileIsReadFromItsStart() throws Exception {
    append(line(5, 1, "one") + "\n" + line(5, 2, "two") + "\n");
    cycle(runner(settings(64, 100, 1), echo));
    Path rotated = Files.writeString(tau.resolve("new.ndjson"), line(5, 3, "three") + "\n");
    Files.move(rotated, telegramFile(), StandardCopyOption.REPLACE_EXISTING);

    cycle(runner(settings(64, 100, 1), echo));
    assertThat(prompts).containsExactly("one", "two", "three");
  }

  @Test
  void aCrashMidCycleRereadsFromTheSavedCursorWithoutAnsweringTwice() throws Exception {
    RunnerSettings roomy = settings(1000, 10_000, 1);
    append(line(5, 1, "before") + "\n");
    cycle(runner(roomy, echo));
    long saved = state().at("/inbox_cursors/telegram/offset").asLong();
    for (int i = 2; i <= 5; i++) {
      append(line(5, i, "m" + i) + "\n");
    }
    ReplyGenerator crashing =
        (event, session, prompt) -> {
          if (prompt.equals("m4")) {
            throw new ProcessKilled();
          }
          return echo.reply(event, session, prompt);
        };
    try {
      cycle(runner(roomy, crashing));
    } catch (ProcessKilled expected) {
      // the "crash": state.json and its cursor were not written
    }
    assertThat(state().at("/inbox_cursors/telegram/offset").asLong()).isEqualTo(saved);

    prompts.clear();
    cycle(runner(roomy, echo));
    assertThat(prompts).containsExactly("m4", "m5");
    assertThat(log(5))
        .filteredOn(l -> l.at("/payload/response").isString())
        .extracting(l -> l.get("event_key").asString())
        .doesNotHaveDuplicates()
        .hasSize(5);
    assertThat(state().at("/inbox_cursors/telegram/offset").asLong())
        .isEqualTo(Files.size(telegramFile()));
  }

  @Test
  void theCursorStopsAtAnEventThatMustBeRetriedAndPassesItOnceItIsDone() throws Exception {
    append(line(5, 1, "flaky") + "\n" + line(5, 2, "fine") + "\n");
    boolean[] fail = {true};
    ReplyGenerator flaky =
        (event, session, prompt) ->
            fail[0] && prompt.equals("flaky")
                ? new ReplyGenerator.Reply.Failed(true, "provider_unavailable", "503")
                : echo.reply(event, session, prompt);
    cycle(runner(settings(64, 100, 1), flaky));
    assertThat(state().at("/inbox_cursors/telegram/offset").asLong()).isZero();

    fail[0] = false;
    CycleReport report = cycle(runner(settings(64, 100, 1), flaky));
    assertThat(report.completed()).isEqualTo(1);
    assertThat(report.duplicateSkips()).isEqualTo(1);
    assertThat(state().at("/inbox_cursors/telegram/offset").asLong())
        .isEqualTo(Files.size(telegramFile()));
    assertThat(state().get("failed_event_cycles").size()).isZero();
  }

  @Test
  void aNonRetryableReplyFailureIsFinalAcknowledgedAndNeverAsksTheModelAgain() throws Exception {
    append(line(5, 1, "too hard") + "\n");
    ReplyGenerator limited =
        (event, session, prompt) -> {
          prompts.add(prompt);
          return prompt.equals("too hard")
              ? new ReplyGenerator.Reply.Failed(false, "agent_limit_reached", "max turns")
              : new ReplyGenerator.Reply.Answered("re: " + prompt);
        };
    CycleReport first = cycle(runner(settings(64, 100, 4), limited));
    assertThat(first.failed()).isEqualTo(1);
    assertThat(first.failedFinal()).isEqualTo(1);
    assertThat(prompts).containsExactly("too hard");
    assertThat(log(5))
        .anySatisfy(
            l -> {
              assertThat(l.at("/payload/status").asString()).isEqualTo("failed");
              assertThat(l.at("/payload/reason_code").asString()).isEqualTo("agent_limit_reached");
              assertThat(l.at("/payload/final").asBoolean()).isTrue();
            });
    assertThat(warnings).anyMatch(w -> w.contains("final=true reason_code=agent_limit_reached"));

    append(line(5, 2, "next") + "\n");
    CycleReport second = cycle(runner(settings(64, 100, 4), limited));
    assertThat(second.failed()).isZero();
    assertThat(prompts).containsExactly("too hard", "next");
    assertThat(state().get("processed_event_keys")).hasSize(2);
  }

  @Test
  void aRejectedDeliveryIsFinalAndTheReplyIsNotSentAgain() throws Exception {
    List<String> sent = new ArrayList<>();
    OutboundDispatcher blocked =
        new OutboundDispatcher() {
          @Override
          public OutboundMode mode() {
            return OutboundMode.PROVIDER;
          }

          @Override
          public DeliveryOutcome deliver(InboundEvent event, String text) {
            sent.add(text);
            return new DeliveryOutcome(
                OutboundMode.PROVIDER,
                1,
                List.of(
                    new DeliveryReceipt(
                        "telegram",
                        OutboundMode.PROVIDER,
                        "failed",
                        1,
                        1,
                        "https://api.telegram.org/bot<redacted>/sendMessage",
                        "{}",
                        "delivery_request_rejected",
                        "403 Forbidden: bot was blocked by the user",
                        false,
                        403,
                        "")));
          }
        };
    append(line(5, 1, "hi") + "\n");
    for (int cycle = 0; cycle < 3; cycle++) {
      cycle(runner(settings(64, 100, 4), echo, blocked));
    }
    assertThat(sent).hasSize(1);
    assertThat(prompts).hasSize(1);
    assertThat(log(5))
        .anySatisfy(
            l ->
                assertThat(l.at("/payload/reason_code").asString())
                    .isEqualTo("delivery_request_rejected"));
  }

  @Test
  void anEventThatKeepsFailingIsFinalAfterTheCycleCap() throws Exception {
    append(line(5, 1, "down") + "\n");
    ReplyGenerator down =
        (event, session, prompt) -> {
          prompts.add(prompt);
          return new ReplyGenerator.Reply.Failed(true, "provider_unavailable", "503");
        };
    for (int cycle = 1; cycle < MultiChannelRunner.MAX_FAILED_CYCLES; cycle++) {
      CycleReport r = cycle(runner(settings(64, 100, 2), down));
      assertThat(r.failedFinal()).isZero();
      assertThat(state().at("/failed_event_cycles").values().iterator().next().asInt())
          .isEqualTo(cycle);
    }
    CycleReport last = cycle(runner(settings(64, 100, 2), down));
    assertThat(last.failedFinal()).isEqualTo(1);
    assertThat(prompts).hasSize(2 * MultiChannelRunner.MAX_FAILED_CYCLES);
    assertThat(log(5))
        .anySatisfy(
            l ->
                assertThat(l.at("/payload/reason_code").asString())
                    .isEqualTo("event_attempts_exhausted"));
    assertThat(cycle(runner(settings(64, 100, 2), down)).discovered()).isZero();
    assertThat(prompts).hasSize(2 * MultiChannelRunner.MAX_FAILED_CYCLES);
  }

  @Test
  void aRuntimeExceptionFailsOnlyItsEventNotTheCycle() throws Exception {
    append(line(5, 1, "boom") + "\n" + line(6, 2, "fine") + "\n");
    ReplyGenerator buggy =
        (event, session, prompt) -> {
          if (prompt.equals("boom")) {
            throw new ArithmeticException("integer overflow");
          }
          return echo.reply(event, session, prompt);
        };
    CycleReport report = cycle(runner(settings(64, 100, 1), buggy));
    assertThat(report.failed()).isEqualTo(1);
    assertThat(report.completed()).isEqualTo(1);
    assertThat(warnings).anyMatch(w -> w.contains("ArithmeticException: integer overflow"));
  }
}
