package dev.tau.agent;

import dev.tau.core.model.Usage;
import java.util.List;

/**
 * What a run consumed.
 *
 * @param turns model calls started (including one that failed or was cancelled)
 * @param toolCalls tool calls the model made that counted against the limit
 * @param modelCalls usage of each model call that answered, in order
 */
public record RunStats(int turns, int toolCalls, List<ModelUsage> modelCalls) {
  public RunStats {
    modelCalls = List.copyOf(modelCalls);
  }

  /** Usage summed over all model calls. */
  public Usage usage() {
    return modelCalls.stream().map(ModelUsage::usage).reduce(Usage.ZERO, Usage::plus);
  }
}
