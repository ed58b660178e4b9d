package dev.tau.guardrails;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tau.agent.Agent;
import dev.tau.agent.AgentConfig;
import dev.tau.agent.AgentEvent;
import dev.tau.agent.AgentOutcome;
import dev.tau.agent.SessionRunner;
import dev.tau.core.guardrail.GuardrailMode;
import dev.tau.core.model.Message;
import dev.tau.core.provider.Cancellation;
import dev.tau.core.session.SessionId;
import dev.tau.testkit.agent.FakeSessionStore;
import dev.tau.testkit.agent.ScriptedModelProvider;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GuardedRunnerTest {
  static final Clock CLOCK = Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC);
  static final SessionId SESSION = SessionId.of("s1");

  @TempDir Path ws;
  final ScriptedModelProvider model = new ScriptedModelProvider().chunkSize(3);
  final FakeSessionStore store = new FakeSessionStore(CLOCK);
  final List<AgentEvent> seen = new ArrayList<>();
  final List<GuardrailEvent> recorded = new ArrayList<>();

  GuardedRunner runner(GuardrailMode input, GuardrailMode output) {
    Agent agent =
        Agent.builder(AgentConfig.of("test-model"), model).workspace(ws).clock(CLOCK).build();
    Guardrail guardrail =
        new Guardrail(
            new GuardrailPolicy(input, output, List.of("password"), "[REDACTED]"), recorded::add);
    return new GuardedRunner(new SessionRunner(store, agent, CLOCK), guardrail);
  }

  GuardedRun run(GuardedRunner runner, String prompt) {
    return runner.run(SESSION, Message.user(prompt), seen::add, Cancellation.none());
  }

  String streamedText() {
    StringBuilder text = new StringBuilder();
    seen.stream()
        .filter(AgentEvent.TextDelta.class::isInstance)
        .forEach(e -> text.append(((AgentEvent.TextDelta) e).text()));
    return text.toString();
  }

  @Test
  void blockedInputNeverReachesTheModelOrTheSession() {
    GuardedRun run = run(runner(GuardrailMode.BLOCK, GuardrailMode.DISABLED), "my password");
    assertThat(run).isEqualTo(new GuardedRun.InputBlocked(List.of("password")));
    assertThat(model.requests()).isEmpty();
    assertThat(store.events(SESSION)).isEmpty();
    assertThat(recorded.getFirst().name()).isEqualTo("guardrail.input.blocked");
  }

  @Test
  void redactedInputIsWhatTheModelSeesAndTheSessionKeeps() {
    model.replyText("ok");
    run(runner(GuardrailMode.REDACT, GuardrailMode.DISABLED), "my Password is hunter2");
    assertThat(model.requests().getFirst().messages())
        .contains(Message.user("my [REDACTED] is hunter2"));
  }

  @Test
  void blockedOutputSendsNoTextAtAll() {
    model.replyText("here is your key " + Samples.OPENAI + " enjoy");
    GuardedRun run = run(runner(GuardrailMode.DISABLED, GuardrailMode.BLOCK), "key please");
    assertThat(run).isInstanceOf(GuardedRun.OutputBlocked.class);
    assertThat(((GuardedRun.OutputBlocked) run).hits()).containsExactly("openai_api_key");
    assertThat(streamedText()).isEmpty();
    assertThat(seen.getLast()).isInstanceOf(AgentEvent.RunFinished.class);
    assertThat(recorded.getFirst().name()).isEqualTo("guardrail.output.blocked");
  }

  @Test
  void redactedOutputIsSentOnceAlreadyRedacted() {
    model.replyText("mail ada@example.com now");
    GuardedRun run = run(runner(GuardrailMode.DISABLED, GuardrailMode.REDACT), "who?");
    assertThat(seen.stream().filter(AgentEvent.TextDelta.class::isInstance))
        .containsExactly(new AgentEvent.TextDelta("mail [REDACTED] now"));
    AgentOutcome outcome = ((GuardedRun.Ran) run).outcome();
    assertThat(((AgentOutcome.Completed) outcome).text()).isEqualTo("mail [REDACTED] now");
  }

  @Test
  void observedOutputStreamsAsItComesAndIsRecordedAtTurnEnd() {
    model.replyText("the password is swordfish");
    GuardedRun run = run(runner(GuardrailMode.DISABLED, GuardrailMode.OBSERVE), "tell me");
    assertThat(seen.stream().filter(AgentEvent.TextDelta.class::isInstance).count())
        .isGreaterThan(1);
    assertThat(streamedText()).isEqualTo("the password is swordfish");
    assertThat(run).isInstanceOf(GuardedRun.Ran.class);
    assertThat(recorded)
        .extracting(GuardrailEvent::name)
        .containsExactly("guardrail.output.observed");
  }

  @Test
  void cleanOutputInBlockModeStillArrives() {
    model.replyText("all good here");
    GuardedRun run = run(runner(GuardrailMode.BLOCK, GuardrailMode.BLOCK), "hi");
    assertThat(run).isInstanceOf(GuardedRun.Ran.class);
    assertThat(streamedText()).isEqualTo("all good here");
    assertThat(recorded).isEmpty();
  }
}
