package dev.tau.bench;

import dev.tau.agent.Agent;
import dev.tau.agent.AgentConfig;
import dev.tau.agent.AgentOutcome;
import dev.tau.agent.ToolRegistry;
import dev.tau.agent.policy.ToolPolicy;
import dev.tau.agent.tools.CodingTools;
import dev.tau.core.model.Message;
import dev.tau.core.util.IdSource;
import dev.tau.llm.offline.OfflineProvider;
import dev.tau.llm.offline.OfflineScript;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Agent-loop overhead per run with the offline provider (no network, so what is measured is Tau's
 * own loop: stages, events, message assembly, policy and tool dispatch).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class AgentLoopBenchmark {
  private static final String TOOL_SCRIPT =
      """
      {"replies": [
        {"tool_calls": [{"name": "ls", "arguments": {"path": "."}}]},
        {"text": "listed"}
      ]}
      """;

  Agent textAgent;
  OfflineScript toolScript;
  Path workspace;
  List<Message> history;

  @Setup
  public void setUp() throws IOException {
    workspace = Files.createTempDirectory("tau-bench");
    Files.writeString(workspace.resolve("a.txt"), "a");
    textAgent =
        Agent.builder(AgentConfig.of("echo"), new OfflineProvider(IdSource.sequential()))
            .tools(ToolRegistry.empty())
            .workspace(workspace)
            .build();
    toolScript = OfflineScript.parse(TOOL_SCRIPT, "bench");
    history = List.of(Message.user("earlier question"), Message.assistant("earlier answer"));
  }

  /** One turn: a user message in, a streamed text answer out. */
  @Benchmark
  public AgentOutcome textTurn() {
    return textAgent.run(history, Message.user("hello there"));
  }

  /** Two model calls with one tool call ({@code ls}) in between. */
  @Benchmark
  public AgentOutcome toolTurn() {
    Agent agent =
        Agent.builder(
                AgentConfig.of("script"), new OfflineProvider(toolScript, IdSource.sequential()))
            .tools(CodingTools.all())
            .policy(ToolPolicy.allowAll())
            .workspace(workspace)
            .build();
    return agent.run(history, Message.user("list files"));
  }
}
