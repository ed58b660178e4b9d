package dev.tau.agent.loop;

import dev.tau.agent.AgentEvent;
import dev.tau.agent.ModelUsage;
import dev.tau.core.model.ToolDefinition;
import dev.tau.core.provider.CancelledException;
import dev.tau.core.provider.ModelRequest;
import dev.tau.core.provider.ModelResponse;
import dev.tau.core.provider.ProviderException;
import dev.tau.core.provider.StreamEvent;
import dev.tau.core.provider.StreamSink;
import dev.tau.core.provider.ToolChoice;
import java.util.List;

/**
 * Calls the model with the conversation so far and appends its answer. Streams text to listeners
 * when streaming is on, then reports usage. A provider failure ends the run as failed, a cancel as
 * cancelled.
 */
final class CallModel implements TurnStage {
  @Override
  public StageResult apply(Turn turn) {
    RunState run = turn.run;
    ModelResponse response;
    try {
      response = call(run, request(run));
    } catch (CancelledException e) {
      return StageResult.stop(run.cancelled());
    } catch (ProviderException e) {
      run.emit(new AgentEvent.Error(e.code(), e.getMessage()));
      return StageResult.stop(run.failed(e));
    }
    turn.response = response;
    run.emit(
        new AgentEvent.UsageReported(response.usage(), response.model(), response.stopReason()));
    String model = response.model().isEmpty() ? run.config.model() : response.model();
    run.recordModelCall(new ModelUsage(model, response.usage()));
    run.append(response.message());
    return StageResult.CONTINUE;
  }

  private static ModelRequest request(RunState run) {
    // Tools the policy denies outright are not offered, so the model does not try them.
    List<ToolDefinition> offered =
        run.tools.definitions().stream().filter(d -> run.policy.permits(d.name())).toList();
    return new ModelRequest(
        run.config.model(),
        run.config.instructions(),
        run.conversation(),
        offered,
        ToolChoice.AUTO,
        run.config.maxOutputTokens(),
        run.config.temperature());
  }

  private static ModelResponse call(RunState run, ModelRequest request) {
    if (!run.config.streaming()) {
      ModelResponse response = run.provider.complete(request, run.cancellation);
      String text = response.message().text();
      if (!text.isEmpty()) {
        run.emit(new AgentEvent.TextDelta(text));
      }
      return response;
    }
    StreamSink sink =
        event -> {
          if (event instanceof StreamEvent.TextDelta delta && !delta.text().isEmpty()) {
            run.emit(new AgentEvent.TextDelta(delta.text()));
          }
        };
    return run.provider.stream(request, sink, run.cancellation);
  }
}
