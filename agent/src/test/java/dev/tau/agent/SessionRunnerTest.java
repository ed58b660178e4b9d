package dev.tau.agent;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tau.agent.tools.CodingTools;
import dev.tau.core.json.Json;
import dev.tau.core.model.Message;
import dev.tau.core.model.ToolCall;
import dev.tau.core.model.Usage;
import dev.tau.core.provider.Cancellation;
import dev.tau.core.provider.ProviderException;
import dev.tau.core.session.SessionEvent;
import dev.tau.core.session.SessionId;
import dev.tau.core.session.StoredEvent;
import dev.tau.testkit.agent.FakeSessionStore;
import dev.tau.testkit.agent.ScriptedModelProvider;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SessionRunnerTest {
  static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");
  static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
  static final SessionId SESSION = SessionId.of("s1");

  @TempDir Path ws;
  final ScriptedModelProvider model = new ScriptedModelProvider();
  final FakeSessionStore store = new FakeSessionStore(CLOCK);

  SessionRunner runner() {
    Agent agent =
        Agent.builder(AgentConfig.of("test-model"), model)
            .tools(CodingTools.all())
            .workspace(ws)
            .clock(CLOCK)
            .build();
    return new SessionRunner(store, agent, CLOCK);
  }

  AgentOutcome run(SessionRunner runner, String input) {
    return runner.run(SESSION, Message.user(input), AgentListener.NONE, Cancellation.none());
  }

  @Test
  void twoRunsWithTheSameSessionIdShareHistory() {
    model.replyText("Hello Ada.").replyText("Your name is Ada.");
    SessionRunner runner = runner();

    run(runner, "My name is Ada.");
    run(runner, "What is my name?");

    assertThat(model.requests().get(1).messages())
        .containsExactly(
            Message.user("My name is Ada."),
            Message.assistant("Hello Ada."),
            Message.user("What is my name?"));
    assertThat(runner.history(SESSION)).hasSize(4);
    assertThat(runner.history(SessionId.of("other"))).isEmpty();
  }

  @Test
  void persistsInputNewMessagesAndUsagePerModelCallInOneAppend() {
    ToolCall ls = new ToolCall("c1", "ls", Json.write(Json.object()));
    model
        .reply(ScriptedModelProvider.Reply.toolCalls(ls).withUsage(new Usage(100, 7, 20)))
        .reply(ScriptedModelProvider.Reply.text("empty").withUsage(new Usage(120, 3, 0)));

    AgentOutcome outcome = run(runner(), "what is here?");

    List<SessionEvent> stored = store.events(SESSION).stream().map(StoredEvent::event).toList();
    assertThat(stored)
        .containsExactly(
            new SessionEvent.MessageAppended(NOW, Message.user("what is here?")),
            new SessionEvent.MessageAppended(NOW, outcome.newMessages().get(0)),
            new SessionEvent.UsageRecorded(NOW, "test-model", new Usage(100, 7, 20)),
            new SessionEvent.MessageAppended(NOW, outcome.newMessages().get(1)),
            new SessionEvent.MessageAppended(NOW, outcome.newMessages().get(2)),
            new SessionEvent.UsageRecorded(NOW, "test-model", new Usage(120, 3, 0)));
    assertThat(store.appendCalls()).isEqualTo(1);
  }

  @Test
  void aRunThatFailedBeforeTheModelAnsweredLeavesTheSessionUnchanged() {
    model.fail(new ProviderException.ServerError("scripted", 503, "overloaded", null));

    AgentOutcome outcome = run(runner(), "hello?");

    assertThat(outcome).isInstanceOf(AgentOutcome.Failed.class);
    assertThat(store.events(SESSION)).isEmpty();
    assertThat(store.appendCalls()).isZero();
  }

  @Test
  void aCancelledRunKeepsThePromptEvenBeforeTheModelAnswered() throws Exception {
    model.hangUntilCancelled("partial");
    Cancellation cancel = new Cancellation();
    Thread canceller =
        Thread.ofVirtual()
            .start(
                () -> {
                  try {
                    Thread.sleep(200);
                  } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                  }
                  cancel.cancel();
                });
    AgentOutcome outcome =
        runner().run(SESSION, Message.user("long question"), AgentListener.NONE, cancel);
    canceller.join();

    assertThat(outcome).isInstanceOf(AgentOutcome.Cancelled.class);
    assertThat(store.events(SESSION))
        .extracting(e -> e.event())
        .first()
        .isInstanceOfSatisfying(
            dev.tau.core.session.SessionEvent.MessageAppended.class,
            m -> assertThat(m.message().text()).isEqualTo("long question"));
  }
}
