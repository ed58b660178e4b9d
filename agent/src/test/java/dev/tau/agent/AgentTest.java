package dev.tau.agent;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tau.agent.policy.ConfirmationMode;
import dev.tau.agent.policy.Confirmer;
import dev.tau.agent.policy.ToolPolicy;
import dev.tau.agent.tools.CodingTools;
import dev.tau.core.json.Json;
import dev.tau.core.model.ContentPart;
import dev.tau.core.model.Message;
import dev.tau.core.model.StopReason;
import dev.tau.core.model.ToolCall;
import dev.tau.core.model.ToolDefinition;
import dev.tau.core.model.Usage;
import dev.tau.core.provider.Cancellation;
import dev.tau.core.provider.ModelRequest;
import dev.tau.core.provider.ProviderException;
import dev.tau.core.tool.Tool;
import dev.tau.core.tool.ToolContext;
import dev.tau.core.tool.ToolErrorCode;
import dev.tau.core.tool.ToolResult;
import dev.tau.testkit.agent.RecordingAgentListener;
import dev.tau.testkit.agent.ScriptedModelProvider;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

// The timeout only guards against a hang (a cancel that did not stop the run); no speed asserts.
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class AgentTest {
  static final Clock CLOCK = Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC);
  static final Usage USAGE = ScriptedModelProvider.DEFAULT_USAGE;

  @TempDir Path ws;
  final ScriptedModelProvider model = new ScriptedModelProvider();
  final RecordingAgentListener<AgentEvent> events = new RecordingAgentListener<>();

  Agent agent(Function<AgentConfig.Builder, AgentConfig.Builder> config) {
    return agent(config, ToolPolicy.allowAll(), Confirmer.UNATTENDED);
  }

  Agent agent(
      Function<AgentConfig.Builder, AgentConfig.Builder> config,
      ToolPolicy policy,
      Confirmer confirmer) {
    return Agent.builder(config.apply(AgentConfig.builder("test-model")).build(), model)
        .tools(CodingTools.all())
        .policy(policy)
        .confirmer(confirmer)
        .workspace(ws)
        .clock(CLOCK)
        .build();
  }

  AgentOutcome run(Agent agent, String input) {
    return agent.run(List.of(), Message.user(input), events::accept, Cancellation.none());
  }

  static ToolCall call(String id, String name, String... fieldsAndValues) {
    ObjectNode args = Json.object();
    for (int i = 0; i < fieldsAndValues.length; i += 2) {
      args.put(fieldsAndValues[i], fieldsAndValues[i + 1]);
    }
    return new ToolCall(id, name, Json.write(args));
  }

  static List<String> toolTexts(AgentOutcome outcome) {
    return outcome.newMessages().stream()
        .filter(Message.Tool.class::isInstance)
        .map(Message::text)
        .toList();
  }

  @Test
  void writeThenReadCreatesTheFileInTheWorkspaceAndReadsItBack() throws Exception {
    model
        .replyToolCalls(call("c1", "write", "path", "notes/hello.txt", "content", "hi there\n"))
        .replyToolCalls(call("c2", "read", "path", "notes/hello.txt"))
        .replyText("The file says hi there.");

    AgentOutcome outcome = run(agent(c -> c), "save a note and read it back");

    assertThat(Files.readString(ws.resolve("notes/hello.txt"))).isEqualTo("hi there\n");
    assertThat(outcome)
        .isInstanceOfSatisfying(
            AgentOutcome.Completed.class,
            c -> {
              assertThat(c.text()).isEqualTo("The file says hi there.");
              assertThat(c.stopReason()).isEqualTo(StopReason.END_TURN);
            });
    assertThat(outcome.newMessages())
        .extracting(Message::role)
        .extracting(r -> r.wire())
        .containsExactly("assistant", "tool", "assistant", "tool", "assistant");
    assertThat(toolTexts(outcome))
        .containsExactly("created notes/hello.txt (9 bytes)", "hi there\n");
    assertThat(outcome.stats())
        .isEqualTo(
            new RunStats(
                3,
                2,
                List.of(
                    new ModelUsage("test-model", USAGE),
                    new ModelUsage("test-model", USAGE),
                    new ModelUsage("test-model", USAGE))));
    assertThat(outcome.usage()).isEqualTo(new Usage(30, 15, 0));
    // The last request carries the whole exchange, results in place after their calls.
    assertThat(model.requests().get(2).messages()).hasSize(5);
  }

  @Test
  void reportsTheExactEventSequence() {
    model
        .chunkSize(3)
        .replyToolCalls(call("c1", "write", "path", "a.txt", "content", "hi"))
        .replyText("Done!");

    AgentOutcome outcome = run(agent(c -> c), "go");

    ToolCall c1 = call("c1", "write", "path", "a.txt", "content", "hi");
    assertThat(events.events())
        .containsExactly(
            new AgentEvent.TurnStarted(1),
            new AgentEvent.UsageReported(USAGE, "test-model", StopReason.TOOL_USE),
            new AgentEvent.ToolCallStarted(c1),
            new AgentEvent.ToolCallFinished(c1, ToolResult.ok("created a.txt (2 bytes)"), 0),
            new AgentEvent.TurnFinished(1),
            new AgentEvent.TurnStarted(2),
            new AgentEvent.TextDelta("Don"),
            new AgentEvent.TextDelta("e!"),
            new AgentEvent.UsageReported(USAGE, "test-model", StopReason.END_TURN),
            new AgentEvent.TurnFinished(2),
            new AgentEvent.RunFinished(outcome));
  }

  @Test
  void withoutStreamingTheWholeTextArrivesAsOneDelta() {
    model.replyText("Hello world");

    AgentOutcome outcome = run(agent(c -> c.streaming(false)), "hi");

    assertThat(events.ofType(AgentEvent.TextDelta.class))
        .containsExactly(new AgentEvent.TextDelta("Hello world"));
    assertThat(outcome.kind()).isEqualTo("completed");
  }

  @Test
  void sendsInstructionsSettingsHistoryAndToolsToTheModel() {
    model.replyText("ok");
    List<Message> history = List.of(Message.user("earlier"), Message.assistant("reply"));

    agent(c -> c.instructions("Be brief.").temperature(0).maxOutputTokens(50))
        .run(history, Message.user("now"), events::accept, Cancellation.none());

    ModelRequest request = model.requests().getFirst();
    assertThat(request.model()).isEqualTo("test-model");
    assertThat(request.instructions()).isEqualTo("Be brief.");
    assertThat(request.temperature()).hasValue(0);
    assertThat(request.maxOutputTokens()).hasValue(50);
    assertThat(request.messages())
        .containsExactly(Message.user("earlier"), Message.assistant("reply"), Message.user("now"));
    assertThat(request.tools())
        .extracting(ToolDefinition::name)
        .containsExactly("read", "write", "edit", "bash", "ls", "glob", "grep");
  }

  @Test
  void stopsWithLimitReachedAfterMaxTurns() {
    model.replyToolCalls(call("c1", "ls")).replyToolCalls(call("c2", "ls"));

    AgentOutcome outcome = run(agent(c -> c.maxTurns(2)), "loop forever");

    assertThat(outcome)
        .isInstanceOfSatisfying(
            AgentOutcome.LimitReached.class,
            l -> {
              assertThat(l.limit()).isEqualTo(RunLimit.MAX_TURNS);
              assertThat(l.message()).contains("limit of 2 turns (max_turns)");
            });
    assertThat(model.requests()).hasSize(2);
    // Every call still has its result, so the history is valid for the next run.
    assertThat(outcome.newMessages()).hasSize(4);
    assertThat(events.kinds()).endsWith("TurnFinished", "RunFinished");
  }

  @Test
  void stopsWithLimitReachedWhenTheModelAsksForTooManyToolCalls() {
    model
        .replyToolCalls(call("c1", "ls"), call("c2", "ls"))
        .replyToolCalls(call("c3", "ls"), call("c4", "ls"));

    AgentOutcome outcome = run(agent(c -> c.maxToolCalls(3)), "list a lot");

    assertThat(outcome).isInstanceOf(AgentOutcome.LimitReached.class);
    assertThat(((AgentOutcome.LimitReached) outcome).limit()).isEqualTo(RunLimit.MAX_TOOL_CALLS);
    assertThat(outcome.stats().toolCalls()).isEqualTo(3);
    assertThat(model.requests()).hasSize(2);
    List<String> results = toolTexts(outcome);
    assertThat(results).hasSize(4);
    assertThat(results.get(3))
        .isEqualTo(
            "[cancelled] not run: this run reached its limit of 3 tool calls (max_tool_calls)");
  }

  @Test
  void cancellingDuringAModelStreamEndsTheRunAsCancelled() throws Exception {
    model.hangUntilCancelled("Hel");
    Agent agent = agent(c -> c);
    Cancellation cancel = new Cancellation();

    CompletableFuture<AgentOutcome> running =
        CompletableFuture.supplyAsync(
            () -> agent.run(List.of(), Message.user("hi"), events::accept, cancel));
    events.await(AgentEvent.TextDelta.class::isInstance, Duration.ofSeconds(30));
    cancel.cancel();
    AgentOutcome outcome = running.get();

    assertThat(outcome).isInstanceOf(AgentOutcome.Cancelled.class);
    assertThat(outcome.newMessages()).isEmpty();
    assertThat(events.events())
        .containsExactly(
            new AgentEvent.TurnStarted(1),
            new AgentEvent.TextDelta("Hel"),
            new AgentEvent.TurnFinished(1),
            new AgentEvent.RunFinished(outcome));
  }

  @Test
  void cancellingDuringBashKillsTheCommandAndEndsTheRun() throws Exception {
    model.replyToolCalls(
        call("c1", "bash", "command", "sleep 600 & echo $! > child.pid; wait"), call("c2", "ls"));
    Agent agent = agent(c -> c);
    Cancellation cancel = new Cancellation();

    CompletableFuture<AgentOutcome> running =
        CompletableFuture.supplyAsync(
            () -> agent.run(List.of(), Message.user("sleep"), events::accept, cancel));
    Path pidFile = ws.resolve("child.pid");
    while (!Files.exists(pidFile) || Files.readString(pidFile).isBlank()) {
      Thread.sleep(10);
    }
    cancel.cancel();
    AgentOutcome outcome = running.get();

    assertThat(outcome).isInstanceOf(AgentOutcome.Cancelled.class);
    assertThat(toolTexts(outcome))
        .satisfiesExactly(
            bash -> assertThat(bash).startsWith("[cancelled] cancelled; the command was killed"),
            ls -> assertThat(ls).isEqualTo("[cancelled] not run: the run was cancelled"));
    assertThat(model.requests()).hasSize(1);
    assertGone(Files.readString(pidFile).strip());
  }

  @Test
  void cancellingAsTheFirstToolCallStartsRefusesEveryCallOfTheTurn() {
    model.replyToolCalls(
        call("c1", "write", "path", "a.txt", "content", "x"),
        call("c2", "write", "path", "b.txt", "content", "x"));
    Cancellation cancel = new Cancellation();
    events.onFirst(AgentEvent.ToolCallStarted.class::isInstance, e -> cancel.cancel());

    AgentOutcome outcome = agent(c -> c).run(List.of(), Message.user("x"), events::accept, cancel);

    assertThat(outcome).isInstanceOf(AgentOutcome.Cancelled.class);
    assertThat(toolTexts(outcome))
        .containsExactly(
            "[cancelled] not run: the run was cancelled",
            "[cancelled] not run: the run was cancelled");
    assertThat(ws.resolve("a.txt")).doesNotExist();
    assertThat(events.kinds())
        .containsExactly(
            "TurnStarted",
            "UsageReported",
            "ToolCallStarted",
            "ToolCallFinished",
            "ToolCallStarted",
            "ToolCallFinished",
            "TurnFinished",
            "RunFinished");
  }

  @Test
  void providerFailureEndsTheRunAsFailedAfterAnErrorEvent() {
    var error = new ProviderException.RateLimited("scripted", 429, "slow down", null);
    model.fail(error);

    AgentOutcome outcome = run(agent(c -> c), "hi");

    assertThat(outcome)
        .isEqualTo(new AgentOutcome.Failed(error, List.of(), new RunStats(1, 0, List.of())));
    assertThat(events.events())
        .containsExactly(
            new AgentEvent.TurnStarted(1),
            new AgentEvent.Error("provider_rate_limited", "slow down"),
            new AgentEvent.TurnFinished(1),
            new AgentEvent.RunFinished(outcome));
  }

  @Test
  void policyDeniedToolIsNotOfferedAndIsRefusedIfCalledAnyway() {
    model.replyToolCalls(call("c1", "bash", "command", "touch pwned")).replyText("ok");

    AgentOutcome outcome =
        run(agent(c -> c, ToolPolicy.builder().deny("bash").build(), Confirmer.UNATTENDED), "x");

    assertThat(model.requests().getFirst().tools())
        .extracting(ToolDefinition::name)
        .doesNotContain("bash");
    assertThat(toolTexts(outcome))
        .containsExactly(
            "[policy_denied] tool 'bash' is denied by the tool policy (deny pattern 'bash')");
    assertThat(ws.resolve("pwned")).doesNotExist();
  }

  @Test
  void unattendedRunRefusesToolsThatNeedConfirmationAndSaysHowToAllowThem() {
    model.replyToolCalls(call("c1", "write", "path", "a.txt", "content", "x")).replyText("ok");
    ToolPolicy always = ToolPolicy.builder().confirmation(ConfirmationMode.ALWAYS).build();

    AgentOutcome outcome = run(agent(c -> c, always, Confirmer.UNATTENDED), "x");

    assertThat(toolTexts(outcome))
        .singleElement()
        .asString()
        .startsWith("[confirmation_refused] not run: tool 'write' needs confirmation")
        .contains("nobody could answer")
        .contains("--tool-confirmation-mode never")
        .contains("approve list");
    assertThat(ws.resolve("a.txt")).doesNotExist();
    assertThat(events.ofType(AgentEvent.ToolCallFinished.class))
        .extracting(f -> ((ToolResult.Failed) f.result()).code())
        .containsExactly(ToolErrorCode.CONFIRMATION_REFUSED);
  }

  @Test
  void confirmerDecidesEachCallThatNeedsApproval() {
    model
        .replyToolCalls(
            call("c1", "write", "path", "yes.txt", "content", "x"),
            call("c2", "write", "path", "no.txt", "content", "x"))
        .replyText("ok");
    List<String> asked = new CopyOnWriteArrayList<>();
    Confirmer person =
        (toolCall, definition) -> {
          asked.add(toolCall.id() + ":" + definition.name());
          return toolCall.id().equals("c1")
              ? Confirmer.Decision.APPROVED
              : Confirmer.Decision.DECLINED;
        };
    ToolPolicy always =
        ToolPolicy.builder().confirmation(ConfirmationMode.ALWAYS).approve("ls").build();

    AgentOutcome outcome = run(agent(c -> c, always, person), "x");

    assertThat(asked).containsExactly("c1:write", "c2:write");
    assertThat(ws.resolve("yes.txt")).exists();
    assertThat(ws.resolve("no.txt")).doesNotExist();
    assertThat(toolTexts(outcome).get(1))
        .isEqualTo("[confirmation_refused] not run: the user declined to run tool 'write'");
  }

  @Test
  void unknownToolsAndMalformedArgumentsAreReportedToTheModel() {
    model
        .replyToolCalls(new ToolCall("c1", "nope", "{}"), new ToolCall("c2", "read", "{not json"))
        .replyText("sorry");

    AgentOutcome outcome = run(agent(c -> c), "x");

    assertThat(toolTexts(outcome))
        .satisfiesExactly(
            t ->
                assertThat(t)
                    .isEqualTo(
                        "[unknown_tool] no tool named 'nope'; available tools: [read, write, edit,"
                            + " bash, ls, glob, grep]"),
            t -> assertThat(t).startsWith("[invalid_arguments] arguments are not valid JSON"));
    assertThat(outcome.newMessages().get(1))
        .isInstanceOfSatisfying(Message.Tool.class, m -> assertThat(m.isError()).isTrue());
  }

  @Test
  void parallelToolCallsRunConcurrentlyAndResultsKeepCallOrder() {
    CountDownLatch both = new CountDownLatch(2);
    Tool meet =
        new TestTool("meet") {
          @Override
          public ToolResult execute(JsonNode arguments, ToolContext context) {
            both.countDown();
            try {
              // Only true concurrency lets both calls meet here.
              return both.await(20, TimeUnit.SECONDS)
                  ? ToolResult.ok("met " + arguments.get("n").asString())
                  : ToolResult.failed(ToolErrorCode.TIMEOUT, "ran alone");
            } catch (InterruptedException e) {
              throw new IllegalStateException(e);
            }
          }
        };
    model
        .replyToolCalls(call("c1", "meet", "n", "1"), call("c2", "meet", "n", "2"))
        .replyText("ok");
    Agent agent =
        Agent.builder(AgentConfig.builder("m").parallelToolCalls(true).build(), model)
            .tools(ToolRegistry.of(meet))
            .workspace(ws)
            .clock(CLOCK)
            .build();

    AgentOutcome outcome = run(agent, "meet");

    assertThat(toolTexts(outcome)).containsExactly("met 1", "met 2");
    assertThat(events.kinds())
        .containsSubsequence(
            "ToolCallStarted", "ToolCallStarted", "ToolCallFinished", "ToolCallFinished");
    assertThat(events.ofType(AgentEvent.ToolCallFinished.class))
        .extracting(f -> f.call().id())
        .containsExactly("c1", "c2");
  }

  @Test
  void aCrashingToolBecomesAnErrorResultAndAnErrorEvent() {
    Tool broken =
        new TestTool("broken") {
          @Override
          public ToolResult execute(JsonNode arguments, ToolContext context) {
            throw new IllegalStateException("boom");
          }
        };
    model.replyToolCalls(new ToolCall("c1", "broken", "{}")).replyText("ok");
    Agent agent =
        Agent.builder(AgentConfig.of("m"), model)
            .tools(ToolRegistry.of(broken))
            .workspace(ws)
            .clock(CLOCK)
            .build();

    AgentOutcome outcome = run(agent, "x");

    assertThat(outcome).isInstanceOf(AgentOutcome.Completed.class);
    assertThat(toolTexts(outcome))
        .containsExactly("[io_error] tool crashed: java.lang.IllegalStateException: boom");
    assertThat(events.kinds()).containsSubsequence("ToolCallStarted", "Error", "ToolCallFinished");
    assertThat(events.ofType(AgentEvent.Error.class))
        .extracting(AgentEvent.Error::code)
        .containsExactly("tool_crashed");
  }

  @Test
  void aRunThatIsAlreadyCancelledNeverCallsTheModel() {
    Cancellation cancel = new Cancellation();
    cancel.cancel();

    AgentOutcome outcome = agent(c -> c).run(List.of(), Message.user("x"), events::accept, cancel);

    assertThat(outcome).isInstanceOf(AgentOutcome.Cancelled.class);
    assertThat(model.requests()).isEmpty();
    assertThat(events.kinds()).containsExactly("RunFinished");
  }

  @Test
  void imageInputReachesTheModelUnchanged() {
    model.replyText("a cat");
    Message.User input =
        new Message.User(
            List.of(
                new ContentPart.Text("what is this?"),
                new ContentPart.Image(
                    new dev.tau.core.model.MediaSource.Url("https://x/cat.png"))));

    agent(c -> c).run(List.of(), input, events::accept, Cancellation.none());

    assertThat(model.requests().getFirst().messages()).containsExactly(input);
  }

  @Test
  void toBuilderMakesAVariantWithNewSettingsThatKeepsProviderPolicyAndWorkspace() {
    Agent base =
        agent(
            c -> c.instructions("base"),
            ToolPolicy.builder().deny("bash").build(),
            Confirmer.UNATTENDED);
    Tool extra =
        new TestTool("extra") {
          @Override
          public ToolResult execute(JsonNode arguments, ToolContext context) {
            return ToolResult.ok("done");
          }
        };
    Agent variant =
        base.toBuilder()
            .config(base.config().toBuilder().instructions("variant").temperature(0.5).build())
            .tools(base.tools().plus(extra))
            .build();
    model.replyText("hi");

    run(variant, "hello");

    ModelRequest sent = model.requests().getFirst();
    assertThat(sent.instructions()).isEqualTo("variant");
    assertThat(sent.temperature()).hasValue(0.5);
    assertThat(sent.tools())
        .extracting(ToolDefinition::name)
        .contains("extra", "read")
        .doesNotContain("bash");
    assertThat(variant.workspace().root()).isEqualTo(base.workspace().root());
    assertThat(base.config().instructions()).isEqualTo("base");
    assertThat(base.tools().find("extra")).isEmpty();
  }

  /** A tool with a fixed name and an empty schema. */
  abstract static class TestTool implements Tool {
    private final String name;

    TestTool(String name) {
      this.name = name;
    }

    @Override
    public ToolDefinition definition() {
      return new ToolDefinition(name, "test", Json.object());
    }
  }

  static void assertGone(String pid) throws Exception {
    Path stat = Path.of("/proc", pid, "stat");
    for (int i = 0; i < 3000 && Files.exists(stat); i++) {
      String text = Files.readString(stat);
      char state = text.charAt(text.lastIndexOf(')') + 2);
      if (state == 'Z' || state == 'X') {
        return;
      }
      Thread.sleep(10);
    }
    assertThat(Files.exists(stat)).as("process " + pid + " still running").isFalse();
  }
}
