package dev.tau.gates.evals;

import dev.tau.agent.Agent;
import dev.tau.agent.AgentConfig;
import dev.tau.agent.AgentOutcome;
import dev.tau.agent.policy.ToolPolicy;
import dev.tau.agent.tools.CodingTools;
import dev.tau.core.error.InputException;
import dev.tau.core.model.Message;
import dev.tau.core.model.ToolCall;
import dev.tau.core.util.IdSource;
import dev.tau.llm.offline.OfflineProvider;
import dev.tau.llm.offline.OfflineScript;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * Runs {@link EvalCase}s through the real agent loop: the offline provider plays the case's script,
 * every coding tool is registered (the workspace is a fresh temporary directory per case), and the
 * case's deny list is the tool policy. Everything is deterministic: scripted replies, sequential
 * ids, no network.
 */
public final class EvalSuite {
  private final Clock clock;

  public EvalSuite(Clock clock) {
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /**
   * How one case went.
   *
   * @param id the case
   * @param passed whether every expectation held
   * @param failures the expectations that did not hold, each a sentence
   * @param outcome the run's outcome kind, or {@code error} when the case could not run
   * @param toolCalls the names of the tools the model called, in order
   * @param toolErrors how many tool results were errors
   * @param answer the final answer (or the limit message)
   * @param micros how long the run took
   */
  public record CaseResult(
      String id,
      boolean passed,
      List<String> failures,
      String outcome,
      List<String> toolCalls,
      int toolErrors,
      String answer,
      long micros) {
    public CaseResult {
      failures = List.copyOf(failures);
      toolCalls = List.copyOf(toolCalls);
    }
  }

  public List<CaseResult> run(List<EvalCase> cases) {
    return cases.stream().map(this::run).toList();
  }

  /** Runs one case in a fresh workspace, removed afterwards. */
  public CaseResult run(EvalCase c) {
    long started = System.nanoTime();
    Path workspace;
    try {
      workspace = Files.createTempDirectory("tau-eval-");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create a workspace for eval " + c.id(), e);
    }
    try {
      for (Map.Entry<String, String> file : c.files().entrySet()) {
        Path target = workspace.resolve(file.getKey());
        Files.createDirectories(target.getParent());
        Files.writeString(target, file.getValue(), StandardCharsets.UTF_8);
      }
      Agent agent = agent(c, workspace);
      AgentOutcome outcome = agent.run(List.of(), Message.user(c.prompt()));
      return score(c, outcome, workspace, (System.nanoTime() - started) / 1000);
    } catch (InputException | IllegalArgumentException e) {
      // a broken case (bad script, bad limit) fails on its own, the others still run
      return new CaseResult(
          c.id(),
          false,
          List.of("the case cannot run: " + e.getMessage()),
          "error",
          List.of(),
          0,
          "",
          (System.nanoTime() - started) / 1000);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot prepare the workspace of eval " + c.id(), e);
    } finally {
      deleteTree(workspace);
    }
  }

  private Agent agent(EvalCase c, Path workspace) {
    OfflineScript script = OfflineScript.parse(c.script(), "eval " + c.id());
    AgentConfig.Builder config = AgentConfig.builder("script");
    c.maxToolCalls().ifPresent(config::maxToolCalls);
    ToolPolicy policy =
        c.deny().isEmpty() ? ToolPolicy.allowAll() : ToolPolicy.builder().deny(c.deny()).build();
    return Agent.builder(config.build(), new OfflineProvider(script, IdSource.sequential()))
        .tools(CodingTools.all())
        .policy(policy)
        .workspace(workspace)
        .clock(clock)
        .build();
  }

  private static CaseResult score(EvalCase c, AgentOutcome outcome, Path workspace, long micros)
      throws IOException {
    EvalCase.Expect expect = c.expect();
    List<String> calls = new ArrayList<>();
    List<Message.Tool> results = new ArrayList<>();
    for (Message m : outcome.newMessages()) {
      if (m instanceof Message.Assistant a) {
        a.toolCalls().stream().map(ToolCall::name).forEach(calls::add);
      } else if (m instanceof Message.Tool t) {
        results.add(t);
      }
    }
    int errors = (int) results.stream().filter(Message.Tool::isError).count();
    String answer =
        switch (outcome) {
          case AgentOutcome.Completed done -> done.text();
          case AgentOutcome.LimitReached limit -> limit.message();
          case AgentOutcome.Failed failed -> failed.error().getMessage();
          case AgentOutcome.Cancelled cancelled -> "";
        };
    List<String> failures = new ArrayList<>();
    if (!outcome.kind().equals(expect.outcome())) {
      failures.add("outcome was " + outcome.kind() + ", expected " + expect.outcome());
    }
    expect
        .toolCalls()
        .filter(expected -> !expected.equals(calls))
        .ifPresent(expected -> failures.add("tool calls were " + calls + ", expected " + expected));
    expect
        .toolErrors()
        .filter(expected -> expected != errors)
        .ifPresent(
            expected -> failures.add(errors + " tool results were errors, expected " + expected));
    for (String text : expect.toolResultsContain()) {
      if (results.stream().noneMatch(r -> r.text().contains(text))) {
        failures.add("no tool result contains '" + text + "'");
      }
    }
    for (String text : expect.answerContains()) {
      if (!answer.contains(text)) {
        failures.add("the answer does not contain '" + text + "'");
      }
    }
    for (Map.Entry<String, String> file : expect.files().entrySet()) {
      Path path = workspace.resolve(file.getKey());
      if (!Files.isRegularFile(path)) {
        failures.add("file " + file.getKey() + " does not exist");
      } else if (!Files.readString(path, StandardCharsets.UTF_8).equals(file.getValue())) {
        failures.add("file " + file.getKey() + " does not hold the expected text");
      }
    }
    for (String absent : expect.absentFiles()) {
      if (Files.exists(workspace.resolve(absent))) {
        failures.add("file " + absent + " exists but must not");
      }
    }
    return new CaseResult(
        c.id(), failures.isEmpty(), failures, outcome.kind(), calls, errors, answer, micros);
  }

  private static void deleteTree(Path root) {
    try (Stream<Path> paths = Files.walk(root)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (IOException e) {
      // a leftover temp directory is harmless; the next case gets a fresh one anyway
    }
  }
}
