package dev.tau.gateway.responses;

import dev.tau.agent.Agent;
import dev.tau.agent.AgentConfig;
import dev.tau.agent.AgentListener;
import dev.tau.agent.AgentOutcome;
import dev.tau.agent.SessionRunner;
import dev.tau.agent.ToolRegistry;
import dev.tau.agent.policy.ToolPattern;
import dev.tau.agent.policy.ToolPolicy;
import dev.tau.core.model.Usage;
import dev.tau.core.provider.Cancellation;
import dev.tau.core.provider.ModelRef;
import dev.tau.core.session.SessionId;
import dev.tau.core.session.StoreException;
import dev.tau.gateway.GatewayServices;
import dev.tau.gateway.http.ApiError;
import dev.tau.gateway.http.ErrorCode;
import dev.tau.gateway.metrics.AgentMetrics;
import dev.tau.guardrails.Direction;
import dev.tau.guardrails.GuardedRun;
import dev.tau.guardrails.GuardedRunner;
import dev.tau.guardrails.GuardrailBlockedException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.BooleanSupplier;

/**
 * Runs one request as one agent turn on its persisted session (tau-spec §2.5.5): derives the turn's
 * agent from the gateway's (this request's instructions, temperature, output cap and client
 * functions), holds the session so turns on it do not overlap, runs it through a {@link
 * SessionRunner}, and maps the {@link AgentOutcome} to a {@link TurnResult}. Never throws once the
 * turn is prepared: every failure becomes a {@link TurnResult.Failed}.
 */
final class TurnEngine {
  /** How long a request waits for another turn on the same session. */
  static final Duration SESSION_WAIT = Duration.ofSeconds(30);

  private static final System.Logger LOG = System.getLogger(TurnEngine.class.getName());

  private final GatewayServices services;
  private final SessionLocks locks;
  private final AgentMetrics metrics;
  private final ModelRef modelRef;

  TurnEngine(GatewayServices services, SessionLocks locks, AgentMetrics metrics) {
    this.services = services;
    this.locks = locks;
    this.metrics = metrics;
    this.modelRef = modelRef(services.model());
  }

  /** The configured model as provider and model, for metric labels and traces. */
  private static ModelRef modelRef(String model) {
    try {
      return ModelRef.parse(model);
    } catch (IllegalArgumentException e) {
      return new ModelRef("unknown", model.isBlank() ? "unknown" : model);
    }
  }

  /** The turn's agent, ready to run, with the session held until {@link #close}. */
  record Prepared(Agent agent, SessionLocks.Lease lease) implements AutoCloseable {
    @Override
    public void close() {
      lease.close();
    }
  }

  /** Model names a request may send without it being reported as ignored. */
  Set<String> modelNames() {
    return Set.of(services.model(), services.agent().config().model());
  }

  /** The model id responses report. */
  String model() {
    return services.model();
  }

  /** Whether the session already holds messages. */
  boolean hasHistory(SessionId session) {
    return !services.sessions().recentEvents(session, 1).isEmpty();
  }

  /**
   * Builds the turn's agent and takes the session.
   *
   * @throws ApiError when a client function clashes with a gateway tool, or the session is busy
   */
  Prepared prepare(TurnRequest request) {
    Agent agent = agentFor(request);
    return new Prepared(agent, locks.acquire(request.session(), SESSION_WAIT));
  }

  /**
   * Runs the prepared turn. {@code draining} says whether a cancel came from shutdown rather than
   * from the client going away.
   */
  TurnResult run(
      Prepared turn,
      TurnRequest request,
      TurnObserver observer,
      Cancellation cancel,
      BooleanSupplier draining) {
    OutputAssembler output =
        new OutputAssembler(
            services.ids(), new HashSet<>(request.functionNames()), observer, cancel);
    SessionRunner runner = new SessionRunner(services.sessions(), turn.agent(), services.clock());
    GuardedRun run;
    AgentMetrics.Run metered =
        metrics.start(
            modelRef,
            name -> services.agent().tools().find(name).isPresent(),
            Set.copyOf(request.functionNames()));
    AgentListener listener =
        metered.andThen(services.runObserver().start(request.session(), modelRef)).andThen(output);
    try (metered) {
      // The input was checked when the request was read (TurnSupport); output is checked here,
      // before any of its text reaches the observer.
      run =
          new GuardedRunner(runner, services.guardrail())
              .runChecked(request.session(), request.input(), listener, cancel);
    } catch (StoreException e) {
      LOG.log(System.Logger.Level.ERROR, "session store failed for " + request.session(), e);
      output.finish();
      return new TurnResult.Failed(
          output.items(),
          Usage.ZERO,
          ErrorCode.INTERNAL_ERROR,
          "the session store failed; see the gateway log");
    } catch (RuntimeException e) {
      LOG.log(System.Logger.Level.ERROR, "agent turn crashed for " + request.session(), e);
      output.finish();
      return new TurnResult.Failed(
          output.items(),
          Usage.ZERO,
          ErrorCode.INTERNAL_ERROR,
          "internal error; see the gateway log");
    }
    output.finish();
    var items = output.items();
    if (run instanceof GuardedRun.OutputBlocked blocked) {
      return new TurnResult.Failed(
          items,
          blocked.outcome().usage(),
          ErrorCode.GUARDRAIL_BLOCKED_OUTPUT,
          new GuardrailBlockedException(Direction.OUTPUT, blocked.hits()).getMessage());
    }
    AgentOutcome outcome = ((GuardedRun.Ran) run).outcome();
    var usage = outcome.usage();
    if (output.functionCallsRequested()) {
      return new TurnResult.Completed(items, usage, true);
    }
    return switch (outcome) {
      case AgentOutcome.Completed c ->
          switch (c.stopReason()) {
            case MAX_TOKENS -> new TurnResult.Incomplete(items, usage, "max_output_tokens");
            case CONTENT_FILTER -> new TurnResult.Incomplete(items, usage, "content_filter");
            default -> new TurnResult.Completed(items, usage, false);
          };
      case AgentOutcome.LimitReached l -> new TurnResult.Incomplete(items, usage, l.limit().wire());
      case AgentOutcome.Cancelled c ->
          draining.getAsBoolean()
              ? new TurnResult.Failed(
                  items,
                  usage,
                  ErrorCode.SERVICE_UNAVAILABLE,
                  "the gateway is shutting down; the run was cancelled, retry on another instance")
              : new TurnResult.Abandoned(items, usage);
      case AgentOutcome.Failed f ->
          new TurnResult.Failed(
              items,
              usage,
              ErrorCode.GATEWAY_RUNTIME_ERROR,
              "gateway runtime failed: " + f.error().getMessage() + " (" + f.error().code() + ")");
    };
  }

  private Agent agentFor(TurnRequest request) {
    Agent base = services.agent();
    boolean same =
        request.instructions().isEmpty()
            && request.temperature().isEmpty()
            && request.maxOutputTokens().isEmpty()
            && request.functions().isEmpty()
            && !request.toolsDisabled();
    if (same) {
      return base;
    }
    AgentConfig.Builder config = base.config().toBuilder();
    if (!request.instructions().isEmpty()) {
      String own = base.config().instructions();
      config.instructions(
          own.isBlank() ? request.instructions() : own + "\n\n" + request.instructions());
    }
    request.temperature().ifPresent(config::temperature);
    request.maxOutputTokens().ifPresent(config::maxOutputTokens);
    ToolRegistry tools;
    ToolPolicy policy = base.policy();
    if (request.toolsDisabled()) {
      tools = ToolRegistry.empty();
    } else {
      for (int i = 0; i < request.functions().size(); i++) {
        String name = request.functions().get(i).name();
        if (base.tools().find(name).isPresent()) {
          throw new ApiError(
              ErrorCode.INVALID_REQUEST,
              "function '" + name + "' has the name of a gateway tool; rename it",
              "tools[" + i + "].name",
              null);
        }
      }
      tools = base.tools().plus(request.functions().stream().map(ClientFunction::tool).toList());
      policy = withClientFunctions(policy, request.functionNames());
    }
    return base.toBuilder().config(config.build()).tools(tools).policy(policy).build();
  }

  /**
   * The operator's policy governs what the gateway runs. Client functions run in the client, so
   * they pass the allow list and need no approval; a deny pattern still refuses them.
   */
  static ToolPolicy withClientFunctions(ToolPolicy policy, List<String> names) {
    if (names.isEmpty()) {
      return policy;
    }
    List<ToolPattern> allow = new ArrayList<>(policy.allow());
    List<ToolPattern> approve = new ArrayList<>(policy.approve());
    for (String name : names) {
      if (!allow.isEmpty()) {
        allow.add(new ToolPattern(name));
      }
      approve.add(new ToolPattern(name));
    }
    return new ToolPolicy(
        allow, policy.deny(), policy.confirmation(), approve, policy.requireConfirm());
  }
}
