package dev.tau.agent.loop;

import dev.tau.agent.AgentEvent;
import dev.tau.core.model.ToolCall;
import dev.tau.core.provider.CancelledException;
import dev.tau.core.tool.ToolErrorCode;
import dev.tau.core.tool.ToolResult;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Runs the ready calls and records every call's result in call order. Sequentially, each call
 * reports {@code ToolCallStarted} then {@code ToolCallFinished}; with {@code parallelToolCalls},
 * all calls start (one virtual thread each) before the first {@code ToolCallFinished}, and the
 * finishes are still reported in call order. Calls not yet run when the caller cancels are refused
 * with {@code CANCELLED}.
 */
final class ExecuteTools implements TurnStage {
  @Override
  public StageResult apply(Turn turn) {
    if (turn.run.config.parallelToolCalls() && turn.plans.size() > 1) {
      runConcurrently(turn);
    } else {
      runInOrder(turn);
    }
    return StageResult.CONTINUE;
  }

  private static void runInOrder(Turn turn) {
    RunState run = turn.run;
    for (PlannedCall plan : turn.plans) {
      run.emit(new AgentEvent.ToolCallStarted(plan.call()));
      Timed timed = execute(run, plan);
      finish(turn, plan.call(), timed);
    }
  }

  private static void runConcurrently(Turn turn) {
    RunState run = turn.run;
    List<Future<Timed>> futures = new ArrayList<>();
    try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
      for (PlannedCall plan : turn.plans) {
        run.emit(new AgentEvent.ToolCallStarted(plan.call()));
        futures.add(executor.submit(() -> execute(run, plan)));
      }
      for (int i = 0; i < futures.size(); i++) {
        finish(turn, turn.plans.get(i).call(), await(run, futures.get(i)));
      }
    }
  }

  private static Timed await(RunState run, Future<Timed> future) {
    boolean interrupted = false;
    try {
      while (true) {
        try {
          return future.get();
        } catch (InterruptedException e) {
          // An interrupted run thread is a cancel: the tools see it and stop, and we wait for them.
          interrupted = true;
          run.cancellation.cancel();
        } catch (ExecutionException e) {
          return crashed(e.getCause());
        }
      }
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }

  private static void finish(Turn turn, ToolCall call, Timed timed) {
    if (timed.crash() != null) {
      turn.run.emit(new AgentEvent.Error("tool_crashed", timed.crash()));
    }
    turn.results.add(timed.result());
    turn.run.emit(new AgentEvent.ToolCallFinished(call, timed.result(), timed.durationMs()));
  }

  /** Runs one call on the current thread; never throws. */
  private static Timed execute(RunState run, PlannedCall plan) {
    return switch (plan) {
      case PlannedCall.Refused r -> new Timed(r.result(), 0);
      case PlannedCall.Pending p -> throw new IllegalStateException("unresolved call " + p);
      case PlannedCall.Ready ready ->
          run.cancellation.isCancelled()
              ? new Timed(
                  new ToolResult.Failed(ToolErrorCode.CANCELLED, "not run: the run was cancelled"),
                  0)
              : runTool(run, ready);
    };
  }

  private static Timed runTool(RunState run, PlannedCall.Ready ready) {
    long start = run.clock.millis();
    ToolResult result;
    try {
      result = ready.tool().execute(ready.arguments(), run.toolContext);
    } catch (CancelledException e) {
      result = new ToolResult.Failed(ToolErrorCode.CANCELLED, "cancelled while running");
    } catch (RuntimeException e) {
      return crashed(e);
    }
    if (result == null) {
      return crashed(new IllegalStateException("tool '" + ready.call().name() + "' returned null"));
    }
    return new Timed(result, Math.max(0, run.clock.millis() - start));
  }

  /**
   * A tool threw, which is a bug in the tool. The model still gets a result (so the conversation
   * stays well-formed) and listeners get an {@code Error} event.
   */
  private static Timed crashed(Throwable error) {
    String message = "tool crashed: " + error;
    return new Timed(new ToolResult.Failed(ToolErrorCode.IO_ERROR, message), 0, message);
  }

  private record Timed(ToolResult result, long durationMs, String crash) {
    Timed(ToolResult result, long durationMs) {
      this(result, durationMs, null);
    }
  }
}
