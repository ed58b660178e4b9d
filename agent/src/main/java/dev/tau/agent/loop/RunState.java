package dev.tau.agent.loop;

import dev.tau.agent.AgentConfig;
import dev.tau.agent.AgentEvent;
import dev.tau.agent.AgentListener;
import dev.tau.agent.AgentOutcome;
import dev.tau.agent.ModelUsage;
import dev.tau.agent.RunLimit;
import dev.tau.agent.RunStats;
import dev.tau.agent.ToolRegistry;
import dev.tau.agent.policy.Confirmer;
import dev.tau.agent.policy.ToolPolicy;
import dev.tau.core.model.Message;
import dev.tau.core.model.StopReason;
import dev.tau.core.provider.Cancellation;
import dev.tau.core.provider.ModelProvider;
import dev.tau.core.provider.ProviderException;
import dev.tau.core.tool.ToolContext;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/** Everything one run reads and writes: its services, its conversation and its counters. */
final class RunState {
  final AgentConfig config;
  final ModelProvider provider;
  final ToolRegistry tools;
  final ToolPolicy policy;
  final Confirmer confirmer;
  final Clock clock;
  final AgentListener listener;
  final Cancellation cancellation;
  final ToolContext toolContext;

  private final List<Message> conversation;
  private final List<Message> newMessages = new ArrayList<>();
  private final List<ModelUsage> modelCalls = new ArrayList<>();
  int turnsTaken;
  int toolCallsUsed;

  RunState(
      AgentLoop.Services services,
      List<Message> history,
      Message.User input,
      AgentListener listener,
      Cancellation cancellation) {
    this.config = services.config();
    this.provider = services.provider();
    this.tools = services.tools();
    this.policy = services.policy();
    this.confirmer = services.confirmer();
    this.clock = services.clock();
    this.listener = listener;
    this.cancellation = cancellation;
    this.toolContext = new ToolContext(services.workspace(), cancellation);
    this.conversation = new ArrayList<>(history);
    this.conversation.add(input);
  }

  void emit(AgentEvent event) {
    listener.onEvent(event);
  }

  /** History, input and everything the run added so far: what the next model call sees. */
  List<Message> conversation() {
    List<Message> all = new ArrayList<>(conversation);
    all.addAll(newMessages);
    return all;
  }

  void append(Message message) {
    newMessages.add(message);
  }

  void recordModelCall(ModelUsage usage) {
    modelCalls.add(usage);
  }

  RunStats stats() {
    return new RunStats(turnsTaken, toolCallsUsed, modelCalls);
  }

  AgentOutcome completed(String text, StopReason stopReason) {
    return new AgentOutcome.Completed(text, stopReason, newMessages, stats());
  }

  AgentOutcome limitReached(RunLimit limit, String message) {
    return new AgentOutcome.LimitReached(limit, message, newMessages, stats());
  }

  AgentOutcome cancelled() {
    return new AgentOutcome.Cancelled(newMessages, stats());
  }

  AgentOutcome failed(ProviderException error) {
    return new AgentOutcome.Failed(error, newMessages, stats());
  }
}
