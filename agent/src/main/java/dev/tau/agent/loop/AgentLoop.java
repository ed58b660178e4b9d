package dev.tau.agent.loop;

import dev.tau.agent.AgentConfig;
import dev.tau.agent.AgentEvent;
import dev.tau.agent.AgentListener;
import dev.tau.agent.AgentOutcome;
import dev.tau.agent.ToolRegistry;
import dev.tau.agent.policy.Confirmer;
import dev.tau.agent.policy.ToolPolicy;
import dev.tau.core.model.Message;
import dev.tau.core.provider.Cancellation;
import dev.tau.core.provider.ModelProvider;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Objects;

/**
 * The agent loop: a run is a series of turns, and every turn flows through {@link #STAGES}, one
 * ordered list of small stages declared here and nowhere else. A stage either lets the turn go on
 * or ends the run with an {@link AgentOutcome}; when all stages pass, the next turn starts.
 */
public final class AgentLoop {

  /** The stages of one turn, in order. Reading this list is reading the agent loop. */
  private static final List<TurnStage> STAGES =
      List.of(
          new CheckCancellation(), // caller cancelled → Cancelled
          new CheckTurnLimit(), // maxTurns model calls made → LimitReached(MAX_TURNS)
          new StartTurn(), // TurnStarted
          new CallModel(), // TextDelta*, UsageReported; assistant message appended
          new FinishWhenAnswered(), // no tool calls → Completed
          new BudgetToolCalls(), // calls past maxToolCalls are refused
          new ResolveToolCalls(), // unknown tool, bad JSON arguments → refused
          new ApplyToolPolicy(), // deny list, confirmation → refused
          new ExecuteTools(), // ToolCallStarted, ToolCallFinished per call
          new AppendToolResults(), // tool messages appended in call order
          new StopAtToolCallLimit()); // budget exceeded this turn → LimitReached(MAX_TOOL_CALLS)

  /** What every run of one agent shares. */
  public record Services(
      AgentConfig config,
      ModelProvider provider,
      ToolRegistry tools,
      ToolPolicy policy,
      Confirmer confirmer,
      Path workspace,
      Clock clock) {
    public Services {
      Objects.requireNonNull(config, "config");
      Objects.requireNonNull(provider, "provider");
      Objects.requireNonNull(tools, "tools");
      Objects.requireNonNull(policy, "policy");
      Objects.requireNonNull(confirmer, "confirmer");
      Objects.requireNonNull(workspace, "workspace");
      Objects.requireNonNull(clock, "clock");
    }
  }

  private final Services services;

  public AgentLoop(Services services) {
    this.services = Objects.requireNonNull(services, "services");
  }

  /** Runs turns until a stage ends the run; {@link AgentEvent.RunFinished} is the last event. */
  public AgentOutcome run(
      List<Message> history, Message.User input, AgentListener listener, Cancellation cancel) {
    RunState run = new RunState(services, history, input, listener, cancel);
    while (true) {
      Turn turn = new Turn(run);
      StageResult result = StageResult.CONTINUE;
      for (TurnStage stage : STAGES) {
        result = stage.apply(turn);
        if (result instanceof StageResult.Stop) {
          break;
        }
      }
      if (turn.started()) {
        run.emit(new AgentEvent.TurnFinished(turn.number));
      }
      if (result instanceof StageResult.Stop(AgentOutcome outcome)) {
        run.emit(new AgentEvent.RunFinished(outcome));
        return outcome;
      }
    }
  }
}
