package dev.tau.channels.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tau.channels.Attachment;
import dev.tau.channels.EventKind;
import dev.tau.channels.InboundEvent;
import dev.tau.channels.Transport;
import dev.tau.channels.outbound.DeliveryOutcome;
import dev.tau.channels.outbound.DeliveryReceipt;
import dev.tau.channels.outbound.OutboundDispatcher;
import dev.tau.channels.outbound.OutboundMode;
import dev.tau.core.json.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

class MultiChannelRunnerTest {
  @TempDir Path tau;

  private final Clock clock = Clock.fixed(Instant.ofEpochMilli(1_770_000_000_000L), ZoneOffset.UTC);
  private final List<String> prompts = new ArrayList<>();
  private final List<String> sessions = new ArrayList<>();
  private final List<String> warnings = new ArrayList<>();
  private final List<Long> sleeps = new ArrayList<>();

  private Path stateDir() {
    return tau.resolve("multi-channel");
  }

  private final ReplyGenerator echo =
      (event, session, prompt) -> {
        prompts.add(prompt);
        sessions.add(session);
        return new ReplyGenerator.Reply.Answered("agent says: " + prompt);
      };

  private static final class RecordingDispatcher implements OutboundDispatcher {
    final OutboundMode mode;
    final List<String> sent = new ArrayList<>();
    DeliveryOutcome next;

    RecordingDispatcher(OutboundMode mode) {
      this.mode = mode;
    }

    @Override
    public OutboundMode mode() {
      return mode;
    }

    @Override
    public DeliveryOutcome deliver(InboundEvent event, String text) {
      sent.add(text);
      if (next != null) {
        DeliveryOutcome o = next;
        next = null;
        return o;
      }
      return mode == OutboundMode.CHANNEL_STORE
          ? DeliveryOutcome.channelStore()
          : new DeliveryOutcome(
              mode,
              1,
              List.of(
                  new DeliveryReceipt(
                      event.transport().wire(),
                      mode,
                      "sent",
                      1,
                      1,
                      "https://api/x",
                      "{}",
                      "",
                      "",
                      false,
                      200,
                      "m1")));
    }
  }

  private final RecordingDispatcher channelStore =
      new RecordingDispatcher(OutboundMode.CHANNEL_STORE);

  private MultiChannelRunner runner(
      RunnerSettings settings, ReplyGenerator replies, OutboundDispatcher d) {
    return new MultiChannelRunner(
        stateDir(),
        settings,
        replies,
        TauCommandHook.UNAVAILABLE,
        d,
        clock,
        sleeps::add,
        warnings::add);
  }

  private MultiChannelRunner runner() {
    return runner(RunnerSettings.DEFAULTS, echo, channelStore);
  }

  static InboundEvent telegram(String id, String actor, String text, long ts) {
    return event(id, actor, text, ts, Map.of());
  }

  static InboundEvent event(
      String id, String actor, String text, long ts, Map<String, JsonNode> metadata) {
    return new InboundEvent(
        1,
        Transport.TELEGRAM,
        EventKind.fromText(text),
        id,
        "chat-100",
        "",
        actor,
        "",
        ts,
        text,
        List.<Attachment>of(),
        metadata);
  }

  private List<JsonNode> log() throws Exception {
    return lines(stateDir().resolve("channel-store/channels/telegram/chat-100/log.jsonl"));
  }

  private List<JsonNode> context() throws Exception {
    return lines(stateDir().resolve("channel-store/channels/telegram/chat-100/context.jsonl"));
  }

  private static List<JsonNode> lines(Path file) throws Exception {
    return Files.readAllLines(file).stream().filter(l -> !l.isBlank()).map(Json::parse).toList();
  }

  private JsonNode state() throws Exception {
    return Json.parse(Files.readString(stateDir().resolve("state.json")));
  }

  private List<JsonNode> cycles() throws Exception {
    return lines(stateDir().resolve("runtime-events.jsonl"));
  }

  private void strictAllowlist(String... actors) throws Exception {
    Files.createDirectories(tau.resolve("security"));
    var root = Json.object();
    root.put("schema_version", 1);
    root.put("strict", true);
    var list = root.putObject("channels").putArray("telegram:chat-100");
    for (String a : actors) {
      list.add(a);
    }
    Files.writeString(tau.resolve("security/allowlist.json"), Json.write(root));
  }

  @Test
  void anAllowedMessageIsAnsweredByTheReplyGeneratorOnItsRouteSessionAndRecorded()
      throws Exception {
    CycleReport report = runner().runCycle(List.of(telegram("1", "user-7", "hello", 1000)));

    assertThat(report.completed()).isEqualTo(1);
    assertThat(prompts).containsExactly("hello");
    assertThat(sessions).containsExactly("chat-100");
    List<JsonNode> log = log();
    assertThat(log.getFirst().get("direction").asString()).isEqualTo("inbound");
    assertThat(log.getFirst().at("/payload/route_session_key").asString()).isEqualTo("chat-100");
    JsonNode response =
        log.stream().filter(l -> l.at("/payload/response").isString()).findFirst().orElseThrow();
    assertThat(response.at("/payload/response").asString()).isEqualTo("agent says: hello");
    assertThat(response.at("/payload/delivery/mode").asString()).isEqualTo("channel_store");
    assertThat(response.get("source").asString()).isEqualTo(MultiChannelRunner.SOURCE);
    assertThat(context())
        .extracting(c -> c.get("role").asString())
        .containsExactly("user", "assistant");
    assertThat(lines(stateDir().resolve("route-traces.jsonl")))
        .singleElement()
        .satisfies(
            t ->
                assertThat(t.get("record_type").asString())
                    .isEqualTo("multi_channel_route_trace_v1"));
    JsonNode state = state();
    assertThat(state.get("processed_event_keys").get(0).asString()).isEqualTo("telegram:1");
    assertThat(state.at("/health/last_cycle_completed").asLong()).isEqualTo(1);
    assertThat(state.at("/telemetry_policy/typing_presence_min_response_chars").asInt())
        .isEqualTo(120);
    assertThat(cycles().getFirst().get("reason_codes").toString())
        .isEqualTo(
            "[\"healthy_cycle\",\"pairing_policy_permissive\",\"telemetry_usage_summary_emitted\"]");
    assertThat(Files.exists(stateDir().resolve(AckFile.FILE_NAME))).isFalse();
  }

  @Test
  void aSecondCycleSkipsProcessedEventsWithoutAskingTheAgentAgain() throws Exception {
    runner().runCycle(List.of(telegram("1", "user-7", "hello", 1000)));
    CycleReport second =
        runner()
            .runCycle(
                List.of(
                    telegram("1", "user-7", "hello", 1000),
                    telegram("1", "user-7", "hello", 1000)));

    assertThat(second.duplicateSkips()).isEqualTo(2);
    assertThat(second.completed()).isZero();
    assertThat(prompts).hasSize(1);
    assertThat(cycles().getLast().get("reason_codes").get(0).asString())
        .isEqualTo("duplicate_events_skipped");
  }

  @Test
  void aStrangerIsDeniedWhenPairingIsStrictAndNeverReachesTheAgent() throws Exception {
    strictAllowlist("user-7");
    CycleReport report =
        runner()
            .runCycle(
                List.of(
                    telegram("1", "user-7", "hi", 1000), telegram("2", "stranger", "hi", 2000)));

    assertThat(report.policyAllowed()).isEqualTo(1);
    assertThat(report.policyDenied()).isEqualTo(1);
    assertThat(prompts).hasSize(1);
    JsonNode denied =
        log().stream()
            .filter(l -> "denied".equals(l.at("/payload/status").asString("")))
            .findFirst()
            .orElseThrow();
    assertThat(denied.at("/payload/reason_code").asString())
        .isEqualTo("deny_actor_not_paired_or_allowlisted");
    assertThat(denied.get("event_key").asString()).isEqualTo("telegram:2");
    assertThat(cycles().getFirst().get("reason_codes").toString())
        .contains("pairing_policy_enforced", "pairing_policy_denied_events");
  }

  @Test
  void tauCommandsGoToTheHookNotTheAgent() throws Exception {
    runner().runCycle(List.of(telegram("1", "user-7", "/tau status", 1000)));

    assertThat(prompts).isEmpty();
    JsonNode response =
        log().stream().filter(l -> l.at("/payload/response").isString()).findFirst().orElseThrow();
    assertThat(response.at("/payload/command/schema").asString())
        .isEqualTo("multi_channel_tau_command_v1");
    assertThat(response.at("/payload/command/reason_code").asString()).isEqualTo("command_unknown");
    assertThat(response.at("/payload/response").asString()).contains("Tau command `/tau status`");
  }

  @Test
  void theQueueLimitAppliesAfterDedupeSoOldEventsCannotStarveNewOnes() throws Exception {
    RunnerSettings two =
        new RunnerSettings(2, 100, 4, 0, 0, TelemetryPolicy.DEFAULTS, MediaPolicy.DEFAULTS);
    List<InboundEvent> inbox = new ArrayList<>();
    for (int i = 1; i <= 5; i++) {
      inbox.add(telegram("e" + i, "user-7", "m" + i, i * 1000L));
    }
    CycleReport first = runner(two, echo, channelStore).runCycle(inbox);
    assertThat(first.completed()).isEqualTo(2);
    assertThat(first.backlog()).isEqualTo(3);
    assertThat(first.health().queueDepth()).isEqualTo(3);
    assertThat(cycles().getFirst().get("reason_codes").get(0).asString())
        .isEqualTo("queue_backpressure_applied");

    CycleReport second = runner(two, echo, channelStore).runCycle(inbox);
    CycleReport third = runner(two, echo, channelStore).runCycle(inbox);
    assertThat(second.completed() + third.completed()).isEqualTo(3);
    assertThat(third.backlog()).isZero();
    assertThat(prompts).containsExactly("m1", "m2", "m3", "m4", "m5");
  }

  @Test
  void transientFailuresAreRetriedWithBackoffAndSustainedFailuresTurnHealthFailing()
      throws Exception {
    RunnerSettings settings =
        new RunnerSettings(64, 100, 3, 100, 0, TelemetryPolicy.DEFAULTS, MediaPolicy.DEFAULTS);
    var flaky =
        event("1", "user-7", "hi", 1000, Map.of("simulate_transient_failures", Json.parse("2")));
    CycleReport recovered = runner(settings, echo, channelStore).runCycle(List.of(flaky));
    assertThat(recovered.completed()).isEqualTo(1);
    assertThat(recovered.retryAttempts()).isEqualTo(2);
    assertThat(sleeps).containsExactly(100L, 200L);
    assertThat(cycles().getLast().get("reason_codes").toString())
        .startsWith("[\"retry_attempted\",\"transient_failures_observed\"");

    var broken =
        event("2", "user-7", "hi", 2000, Map.of("simulate_transient_failures", Json.parse("9")));
    for (int cycle = 1; cycle <= 3; cycle++) {
      CycleReport r = runner(settings, echo, channelStore).runCycle(List.of(broken));
      assertThat(r.failed()).isEqualTo(1);
      assertThat(r.health().failureStreak()).isEqualTo(cycle);
    }
    assertThat(state().at("/health/failure_streak").asLong()).isEqualTo(3);
    assertThat(state().get("processed_event_keys").toString()).doesNotContain("telegram:2");
    assertThat(warnings)
        .anyMatch(w -> w.startsWith("multi-channel runner event failed: key=telegram:2"));
    assertThat(cycles().getLast().get("health_state").asString()).isEqualTo("failing");
  }

  @Test
  void aRetryableDeliveryFailureIsRecordedAndRetriedButTheAgentAnswersOnce() throws Exception {
    var provider = new RecordingDispatcher(OutboundMode.PROVIDER);
    provider.next =
        new DeliveryOutcome(
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
                    "delivery_rate_limited",
                    "429",
                    true,
                    429,
                    "")));
    CycleReport report =
        runner(RunnerSettings.DEFAULTS, echo, provider)
            .runCycle(List.of(telegram("1", "u", "hi", 1)));

    assertThat(report.completed()).isEqualTo(1);
    assertThat(provider.sent).hasSize(2);
    assertThat(prompts).hasSize(1);
    assertThat(log())
        .anySatisfy(
            l ->
                assertThat(l.at("/payload/reason_code").asString(""))
                    .isEqualTo("delivery_rate_limited"));
  }

  @Test
  void afterACrashAnAckedEventIsNotProcessedAgainAndAWrittenReplyIsReused() throws Exception {
    // a previous process acknowledged event 1 and wrote the reply to event 2, then died
    runner().runCycle(List.of(telegram("0", "user-7", "warm-up", 1)));
    Files.writeString(
        stateDir().resolve(AckFile.FILE_NAME),
        "{\"schema_version\":1,\"acked_event_keys\":[\"telegram:1\"],\"delivering_event_key\":null}");
    var store =
        dev.tau.channels.store.ChannelStore.open(
            stateDir().resolve("channel-store"), "telegram", "chat-100");
    store.appendContext(
        List.of(
            new dev.tau.channels.store.ChannelStore.ContextEntry(
                5, "assistant", "earlier reply", "telegram:2")));
    prompts.clear();

    CycleReport report =
        runner()
            .runCycle(
                List.of(telegram("1", "user-7", "one", 10), telegram("2", "user-7", "two", 20)));

    assertThat(report.duplicateSkips()).isEqualTo(1);
    assertThat(prompts).isEmpty();
    assertThat(log())
        .filteredOn(
            l ->
                "telegram:2".equals(l.get("event_key").asString(""))
                    && l.at("/payload/response").isString())
        .singleElement()
        .satisfies(
            l -> assertThat(l.at("/payload/response").asString()).isEqualTo("earlier reply"));
    assertThat(state().get("processed_event_keys").toString()).contains("telegram:1", "telegram:2");
  }

  @Test
  void withoutProviderDeliveryAcksAreBatchedAndEventsAfterTheLastBatchAreRedoneWithoutDuplicates()
      throws Exception {
    int total = MultiChannelRunner.COMMIT_BATCH + 6;
    List<InboundEvent> events = new ArrayList<>();
    for (int i = 1; i <= total; i++) {
      events.add(telegram(String.valueOf(i), "user-7", "m" + i, i));
    }
    RunnerSettings roomy =
        new RunnerSettings(1000, 10_000, 1, 0, 0, TelemetryPolicy.DEFAULTS, MediaPolicy.DEFAULTS);
    String last = "m" + total;
    ReplyGenerator crashing =
        (event, session, prompt) -> {
          if (prompt.equals(last)) {
            throw new ProcessKilled();
          }
          return echo.reply(event, session, prompt);
        };

    try {
      runner(roomy, crashing, channelStore).runCycle(events);
    } catch (ProcessKilled expected) {
      // the "crash": the cycle never reached state.json
    }
    JsonNode journal = Json.parse(Files.readString(stateDir().resolve(AckFile.FILE_NAME)));
    assertThat(journal.get("acked_event_keys"))
        .as("one commit for the first full batch; the rest were written but not yet acknowledged")
        .hasSize(MultiChannelRunner.COMMIT_BATCH);
    assertThat(context()).hasSize(2 * (total - 1));

    prompts.clear();
    CycleReport report = runner(roomy, echo, channelStore).runCycle(events);
    assertThat(report.duplicateSkips()).isEqualTo(MultiChannelRunner.COMMIT_BATCH);
    assertThat(prompts)
        .as("written replies are reused, only the lost one is asked")
        .containsExactly(last);
    assertThat(log())
        .filteredOn(l -> l.at("/payload/response").isString())
        .extracting(l -> l.get("event_key").asString())
        .doesNotHaveDuplicates()
        .hasSize(total);
    assertThat(state().get("processed_event_keys")).hasSize(total);
  }

  @Test
  void withProviderDeliveryEveryEventIsAcknowledgedBeforeTheNextIsSent() throws Exception {
    var provider = new RecordingDispatcher(OutboundMode.PROVIDER);
    ReplyGenerator crashing =
        (event, session, prompt) -> {
          if (prompt.equals("m3")) {
            throw new ProcessKilled();
          }
          return echo.reply(event, session, prompt);
        };
    try {
      runner(RunnerSettings.DEFAULTS, crashing, provider)
          .runCycle(
              List.of(
                  telegram("1", "u", "m1", 1),
                  telegram("2", "u", "m2", 2),
                  telegram("3", "u", "m3", 3)));
    } catch (ProcessKilled expected) {
      // the "crash"
    }
    assertThat(
            Json.parse(Files.readString(stateDir().resolve(AckFile.FILE_NAME)))
                .get("acked_event_keys")
                .toString())
        .isEqualTo("[\"telegram:1\",\"telegram:2\"]");
  }

  @Test
  void aRunnerKeptAcrossCyclesSeesLinesOthersWroteAndReopensARemovedStore() throws Exception {
    MultiChannelRunner kept = runner();
    kept.runCycle(List.of(telegram("1", "user-7", "one", 1)));
    // another process recorded the reply to event 2 (a crashed run of the one-shot path)
    dev.tau.channels.store.ChannelStore.open(
            stateDir().resolve("channel-store"), "telegram", "chat-100")
        .appendContext(
            List.of(
                new dev.tau.channels.store.ChannelStore.ContextEntry(
                    5, "assistant", "earlier reply", "telegram:2")));

    kept.runCycle(List.of(telegram("2", "user-7", "two", 2)));
    assertThat(prompts).containsExactly("one");

    deleteTree(stateDir().resolve("channel-store"));
    CycleReport third = kept.runCycle(List.of(telegram("3", "user-7", "three", 3)));
    assertThat(third.completed()).isEqualTo(1);
    assertThat(log()).extracting(l -> l.get("event_key").asString()).contains("telegram:3");
  }

  @Test
  void aRunnerKeptAcrossCyclesRereadsPolicyAndStateFilesOnlyWhenTheyChange() throws Exception {
    strictAllowlist("someone-else");
    MultiChannelRunner kept = runner();
    assertThat(kept.runCycle(List.of(telegram("1", "user-7", "one", 1))).policyDenied())
        .isEqualTo(1);

    strictAllowlist("user-7"); // the operator allowlists the actor between cycles
    assertThat(kept.runCycle(List.of(telegram("2", "user-7", "two", 2))).policyAllowed())
        .isEqualTo(1);

    Files.delete(stateDir().resolve("state.json")); // the operator resets the runner state
    CycleReport again = kept.runCycle(List.of(telegram("2", "user-7", "two", 2)));
    assertThat(again.duplicateSkips())
        .as("the reset state is read, not the one in memory")
        .isZero();
    assertThat(prompts)
        .as("the store still answers it from the recorded reply")
        .containsExactly("two");
  }

  private static void deleteTree(Path root) throws Exception {
    try (var paths = Files.walk(root)) {
      for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }

  @Test
  void aSendInFlightWhenTheProcessDiedIsRecordedUnconfirmedAndNotSentAgain() throws Exception {
    var provider = new RecordingDispatcher(OutboundMode.PROVIDER);
    Files.createDirectories(stateDir());
    Files.writeString(
        stateDir().resolve(AckFile.FILE_NAME),
        "{\"schema_version\":1,\"acked_event_keys\":[],\"delivering_event_key\":\"telegram:1\"}");

    CycleReport report =
        runner(RunnerSettings.DEFAULTS, echo, provider)
            .runCycle(List.of(telegram("1", "u", "hi", 1)));

    assertThat(report.completed()).isEqualTo(1);
    assertThat(provider.sent).isEmpty();
    assertThat(log())
        .anySatisfy(
            l ->
                assertThat(l.at("/payload/status").asString("")).isEqualTo("delivery_unconfirmed"));
  }

  @Test
  void aBrokenStateFileStartsFreshWithAWarning() throws Exception {
    Files.createDirectories(stateDir());
    Files.writeString(stateDir().resolve("state.json"), "{not json");
    runner().runCycle(List.of(telegram("1", "u", "hi", 1)));
    assertThat(warnings).anyMatch(w -> w.contains("starting fresh"));
    assertThat(state().get("schema_version").asInt()).isEqualTo(1);
  }

  @Test
  void backoffDoublesPerAttemptAndTheJitterIsDeterministicAndBounded() {
    assertThat(RetryBackoff.delayMs(10, 0, "k", 1)).isEqualTo(10);
    assertThat(RetryBackoff.delayMs(10, 0, "k", 3)).isEqualTo(40);
    assertThat(RetryBackoff.delayMs(10, 0, "k", 50)).isEqualTo(10 * 1024);
    assertThat(RetryBackoff.delayMs(0, 0, "k", 3)).isZero();
    long j = RetryBackoff.jitter("telegram:1", 1, 50);
    assertThat(j).isBetween(0L, 50L).isEqualTo(RetryBackoff.jitter("telegram:1", 1, 50));
  }

  @Test
  void theLimitsMustBePositive() {
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> new RunnerSettings(0, 1, 1, 0, 0, TelemetryPolicy.DEFAULTS, MediaPolicy.DEFAULTS))
        .hasMessageContaining("multi-channel-queue-limit must be > 0");
  }

  @Test
  void lifecycleLinesAreWrittenForLongRepliesAndIdentifiersOnlyWhenAsked() throws Exception {
    AtomicInteger n = new AtomicInteger();
    ReplyGenerator longReply =
        (e, s, p) -> new ReplyGenerator.Reply.Answered("x".repeat(130 + n.incrementAndGet()));
    runner(RunnerSettings.DEFAULTS, longReply, channelStore)
        .runCycle(List.of(telegram("1", "u", "hi", 1)));
    List<String> statuses =
        log().stream()
            .map(l -> l.at("/payload/status").asString(""))
            .filter(s -> !s.isEmpty())
            .toList();
    assertThat(statuses)
        .containsExactly("typing_started", "presence_active", "typing_stopped", "presence_idle");
    assertThat(log().get(1).at("/payload/conversation_id").isMissingNode()).isTrue();
    assertThat(state().at("/telemetry/typing_events_emitted").asLong()).isEqualTo(2);
    assertThat(cycles().getLast().get("reason_codes").toString())
        .contains("telemetry_lifecycle_emitted");
  }
}
