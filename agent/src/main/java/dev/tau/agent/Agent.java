package dev.tau.agent;

import dev.tau.agent.loop.AgentLoop;
import dev.tau.agent.policy.Confirmer;
import dev.tau.agent.policy.ToolPolicy;
import dev.tau.agent.tools.Workspace;
import dev.tau.core.model.Message;
import dev.tau.core.provider.Cancellation;
import dev.tau.core.provider.ModelProvider;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Objects;

/**
 * An agent: a model, tools and a policy, created from an {@link AgentConfig}. {@link #run} takes
 * one user input through the {@link AgentLoop} (model call, tool calls, model call, ...) until a
 * final answer, a limit, a cancel or a provider failure, and returns that as an {@link
 * AgentOutcome}. Immutable and thread-safe: runs share nothing but the injected services.
 *
 * <pre>{@code
 * Agent agent = Agent.builder(AgentConfig.of("gpt-4o-mini"), provider)
 *     .tools(CodingTools.all())
 *     .workspace(Path.of("."))
 *     .build();
 * AgentOutcome outcome = agent.run(List.of(), Message.user("list the files"));
 * }</pre>
 */
public final class Agent {
  private final AgentConfig config;
  private final ModelProvider provider;
  private final ToolRegistry tools;
  private final ToolPolicy policy;
  private final Confirmer confirmer;
  private final Clock clock;
  private final Workspace workspace;
  private final AgentLoop loop;

  private Agent(Builder b) {
    this.config = b.config;
    this.provider = b.provider;
    this.tools = b.tools;
    this.policy = b.policy;
    this.confirmer = b.confirmer;
    this.clock = b.clock;
    this.workspace = Workspace.of(b.workspace);
    this.loop =
        new AgentLoop(
            new AgentLoop.Services(
                b.config, b.provider, b.tools, b.policy, b.confirmer, workspace.root(), b.clock));
  }

  /** Starts a builder; tools default to none, policy to allow-all, confirmer to unattended. */
  public static Builder builder(AgentConfig config, ModelProvider provider) {
    return new Builder(config, provider);
  }

  /**
   * Runs one user input.
   *
   * @param history earlier messages of the conversation, oldest first
   * @param input the new user message
   * @param listener receives the run's events on this thread
   * @param cancel cancels the run from any thread; a model stream or a running tool stops
   */
  public AgentOutcome run(
      List<Message> history, Message.User input, AgentListener listener, Cancellation cancel) {
    Objects.requireNonNull(history, "history");
    Objects.requireNonNull(input, "input");
    Objects.requireNonNull(listener, "listener");
    Objects.requireNonNull(cancel, "cancel");
    return loop.run(history, input, listener, cancel);
  }

  /** Runs one user input with no listener and no way to cancel. */
  public AgentOutcome run(List<Message> history, Message.User input) {
    return run(history, input, AgentListener.NONE, Cancellation.none());
  }

  public AgentConfig config() {
    return config;
  }

  public ToolRegistry tools() {
    return tools;
  }

  public ToolPolicy policy() {
    return policy;
  }

  public Workspace workspace() {
    return workspace;
  }

  /**
   * A builder holding everything this agent was built with (config, provider, tools, policy,
   * confirmer, workspace, clock), for a variant that differs in a few settings, for example one
   * gateway request's temperature or extra tools.
   */
  public Builder toBuilder() {
    return new Builder(config, provider)
        .tools(tools)
        .policy(policy)
        .confirmer(confirmer)
        .workspace(workspace.root())
        .clock(clock);
  }

  /** Builds an {@link Agent}. */
  public static final class Builder {
    private AgentConfig config;
    private final ModelProvider provider;
    private ToolRegistry tools = ToolRegistry.empty();
    private ToolPolicy policy = ToolPolicy.allowAll();
    private Confirmer confirmer = Confirmer.UNATTENDED;
    private Path workspace = Path.of("");
    private Clock clock = Clock.systemUTC();

    private Builder(AgentConfig config, ModelProvider provider) {
      this.config = Objects.requireNonNull(config, "config");
      this.provider = Objects.requireNonNull(provider, "provider");
    }

    /** Replaces the configuration given to {@link Agent#builder}. */
    public Builder config(AgentConfig value) {
      this.config = Objects.requireNonNull(value, "config");
      return this;
    }

    public Builder tools(ToolRegistry value) {
      this.tools = Objects.requireNonNull(value, "tools");
      return this;
    }

    public Builder policy(ToolPolicy value) {
      this.policy = Objects.requireNonNull(value, "policy");
      return this;
    }

    public Builder confirmer(Confirmer value) {
      this.confirmer = Objects.requireNonNull(value, "confirmer");
      return this;
    }

    /** The directory tools are confined to; defaults to the working directory. */
    public Builder workspace(Path value) {
      this.workspace = Objects.requireNonNull(value, "workspace");
      return this;
    }

    /** The clock for tool durations; defaults to the system clock. */
    public Builder clock(Clock value) {
      this.clock = Objects.requireNonNull(value, "clock");
      return this;
    }

    /**
     * Builds the agent.
     *
     * @throws IllegalArgumentException when the workspace directory does not exist
     */
    public Agent build() {
      return new Agent(this);
    }
  }
}
