package dev.tau.gateway.metrics;

import dev.tau.agent.AgentEvent;
import dev.tau.agent.AgentListener;
import dev.tau.core.model.Usage;
import dev.tau.core.provider.ModelRef;
import dev.tau.core.tool.ToolResult;
import dev.tau.gateway.GatewayContext;
import dev.tau.gateway.http.ErrorCode;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.WeakHashMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Predicate;

/**
 * The gateway's agent metrics: turns by outcome and their latency, tool calls by tool and outcome
 * and their latency, tokens by provider and model, and the errors the gateway reported by {@link
 * ErrorCode}. One per running gateway, shared by its features: get it with {@link
 * #of(GatewayContext)}. Each turn records through its own {@link Run} listener; recording is
 * lock-free.
 *
 * <p>Every label value is bounded whatever callers send: models come from the gateway's
 * configuration, tool names only from its tool registry (a client function is {@value
 * #CLIENT_FUNCTION}, a name the model made up {@value #UNKNOWN_TOOL}), and past {@value
 * #MAX_MODELS} models or {@value #MAX_TOOLS} tools new values share {@value #OTHER}.
 */
public final class AgentMetrics {
  /** The outcomes a turn is counted under: the agent's outcome kinds, then {@code error}. */
  public static final List<String> OUTCOMES =
      List.of("completed", "limit_reached", "cancelled", "failed", "error");

  /** The outcome of a turn that ended without an agent outcome (the turn crashed). */
  public static final String ERROR = "error";

  public static final String CLIENT_FUNCTION = "(client_function)";
  public static final String UNKNOWN_TOOL = "(unknown)";
  public static final String OTHER = "(other)";
  static final int MAX_MODELS = 16;
  static final int MAX_TOOLS = 64;

  // One per gateway context. Weak keys: a stopped server's metrics go with its context.
  private static final Map<GatewayContext, AgentMetrics> BY_CONTEXT = new WeakHashMap<>();

  private record ToolKey(String tool, String outcome, String errorCode) {}

  private record TokenKey(String provider, String model, String type) {}

  private final Map<String, LongAdder> turns = new ConcurrentHashMap<>();
  private final Map<String, Histogram> turnLatency = new ConcurrentHashMap<>();
  private final Map<ToolKey, LongAdder> tools = new ConcurrentHashMap<>();
  private final Map<String, Histogram> toolLatency = new ConcurrentHashMap<>();
  private final Map<TokenKey, LongAdder> tokens = new ConcurrentHashMap<>();
  private final Map<ErrorCode, LongAdder> errors = new ConcurrentHashMap<>();
  private final Set<ModelRef> models = ConcurrentHashMap.newKeySet();
  private final Set<String> toolNames = ConcurrentHashMap.newKeySet();

  public AgentMetrics() {
    for (String outcome : OUTCOMES) {
      turns.put(outcome, new LongAdder());
    }
    for (ErrorCode code : ErrorCode.values()) {
      errors.put(code, new LongAdder());
    }
  }

  /** The metrics of the gateway that {@code context} belongs to (created on first use). */
  public static AgentMetrics of(GatewayContext context) {
    Objects.requireNonNull(context, "context");
    synchronized (BY_CONTEXT) {
      return BY_CONTEXT.computeIfAbsent(context, c -> new AgentMetrics());
    }
  }

  /**
   * Starts recording one turn; give the returned listener the turn's events and {@link Run#close}
   * it when the turn is over.
   *
   * @param model the configured model the turn calls
   * @param gatewayTool whether a tool name is one of the gateway's own tools
   * @param clientFunctions the names of the request's client functions
   */
  public Run start(ModelRef model, Predicate<String> gatewayTool, Set<String> clientFunctions) {
    return new Run(bounded(model), gatewayTool, Set.copyOf(clientFunctions), System.nanoTime());
  }

  /** Counts an error the gateway reported to a client. */
  public void error(ErrorCode code) {
    errors.get(code).increment();
  }

  /** Turns counted so far with {@code outcome} (for tests and status). */
  public long turnCount(String outcome) {
    LongAdder adder = turns.get(outcome);
    return adder == null ? 0 : adder.sum();
  }

  /** Errors counted so far with {@code code}. */
  public long errorCount(ErrorCode code) {
    return errors.get(code).sum();
  }

  /** One turn's recorder. Not thread-safe: the agent calls it on the run's thread. */
  public final class Run implements AgentListener, AutoCloseable {
    private final ModelRef model;
    private final Predicate<String> gatewayTool;
    private final Set<String> clientFunctions;
    private final long startNanos;
    private boolean ended;

    private Run(
        ModelRef model, Predicate<String> gatewayTool, Set<String> clientFunctions, long start) {
      this.model = model;
      this.gatewayTool = gatewayTool;
      this.clientFunctions = clientFunctions;
      this.startNanos = start;
    }

    @Override
    public void onEvent(AgentEvent event) {
      switch (event) {
        case AgentEvent.UsageReported u -> tokens(u.usage());
        case AgentEvent.ToolCallFinished f -> tool(f.call().name(), f.result(), f.durationMs());
        case AgentEvent.RunFinished r -> end(r.outcome().kind());
        default -> {}
      }
    }

    /** Ends the turn; one that saw no outcome (it crashed) counts as {@value #ERROR}. */
    @Override
    public void close() {
      end(ERROR);
    }

    private void end(String outcome) {
      if (ended) {
        return;
      }
      ended = true;
      turns.computeIfAbsent(outcome, k -> new LongAdder()).increment();
      turnLatency
          .computeIfAbsent(outcome, k -> new Histogram())
          .record(Math.max(0, System.nanoTime() - startNanos));
    }

    private void tokens(Usage usage) {
      count(new TokenKey(model.provider(), model.model(), "input"), usage.inputTokens());
      count(new TokenKey(model.provider(), model.model(), "output"), usage.outputTokens());
    }

    private void count(TokenKey key, long amount) {
      tokens.computeIfAbsent(key, k -> new LongAdder()).add(amount);
    }

    private void tool(String name, ToolResult result, long durationMs) {
      String label = toolLabel(name);
      String outcome = result.isError() ? "error" : "ok";
      String code = result instanceof ToolResult.Failed failed ? failed.code().wire() : "";
      tools.computeIfAbsent(new ToolKey(label, outcome, code), k -> new LongAdder()).increment();
      toolLatency
          .computeIfAbsent(label, k -> new Histogram())
          .record(Math.max(0, durationMs) * 1_000_000L);
    }

    private String toolLabel(String name) {
      if (clientFunctions.contains(name)) {
        return CLIENT_FUNCTION;
      }
      if (!gatewayTool.test(name)) {
        return UNKNOWN_TOOL;
      }
      if (toolNames.contains(name)) {
        return name;
      }
      synchronized (toolNames) {
        if (toolNames.size() < MAX_TOOLS) {
          toolNames.add(name);
          return name;
        }
      }
      return OTHER;
    }
  }

  private ModelRef bounded(ModelRef model) {
    if (models.contains(model)) {
      return model;
    }
    synchronized (models) {
      if (models.size() < MAX_MODELS) {
        models.add(model);
        return model;
      }
    }
    return new ModelRef(OTHER, OTHER);
  }

  /** Appends this object's metric families to a scrape. */
  public void scrape(StringBuilder out) {
    GatewayMetrics.header(
        out,
        "tau_agent_turns_total",
        "counter",
        "Agent turns (one request's run) finished, by outcome.");
    for (var e : sorted(turns, Comparator.naturalOrder())) {
      out.append("tau_agent_turns_total{outcome=\"")
          .append(e.getKey())
          .append("\"} ")
          .append(e.getValue().sum())
          .append('\n');
    }
    GatewayMetrics.header(
        out,
        "tau_agent_turn_duration_seconds",
        "histogram",
        "Time from the start of an agent turn to its outcome, by outcome.");
    for (var e : sorted(turnLatency, Comparator.naturalOrder())) {
      e.getValue().write(out, "tau_agent_turn_duration_seconds", "outcome=\"" + e.getKey() + "\"");
    }

    GatewayMetrics.header(
        out,
        "tau_agent_tool_calls_total",
        "counter",
        "Tool calls finished, by tool, outcome (ok or error) and tool error code.");
    Comparator<ToolKey> byTool =
        Comparator.comparing(ToolKey::tool)
            .thenComparing(ToolKey::outcome)
            .thenComparing(ToolKey::errorCode);
    for (var e : sorted(tools, byTool)) {
      out.append("tau_agent_tool_calls_total{tool=\"")
          .append(GatewayMetrics.escape(e.getKey().tool()))
          .append("\",outcome=\"")
          .append(e.getKey().outcome())
          .append("\",error_code=\"")
          .append(e.getKey().errorCode())
          .append("\"} ")
          .append(e.getValue().sum())
          .append('\n');
    }
    GatewayMetrics.header(
        out,
        "tau_agent_tool_duration_seconds",
        "histogram",
        "Time a tool call ran (0 for calls refused before running), by tool.");
    for (var e : sorted(toolLatency, Comparator.naturalOrder())) {
      e.getValue()
          .write(
              out,
              "tau_agent_tool_duration_seconds",
              "tool=\"" + GatewayMetrics.escape(e.getKey()) + "\"");
    }

    GatewayMetrics.header(
        out,
        "tau_agent_tokens_total",
        "counter",
        "Model tokens used by agent turns, by provider, configured model and type (input or output).");
    Comparator<TokenKey> byModel =
        Comparator.comparing(TokenKey::provider)
            .thenComparing(TokenKey::model)
            .thenComparing(TokenKey::type);
    for (var e : sorted(tokens, byModel)) {
      out.append("tau_agent_tokens_total{provider=\"")
          .append(GatewayMetrics.escape(e.getKey().provider()))
          .append("\",model=\"")
          .append(GatewayMetrics.escape(e.getKey().model()))
          .append("\",type=\"")
          .append(e.getKey().type())
          .append("\"} ")
          .append(e.getValue().sum())
          .append('\n');
    }

    GatewayMetrics.header(
        out,
        "tau_gateway_errors_total",
        "counter",
        "Errors the gateway reported (error responses, and turn failures inside streams and A2A"
            + " tasks), by error code and type.");
    for (ErrorCode code : ErrorCode.values()) {
      out.append("tau_gateway_errors_total{code=\"")
          .append(code.wire())
          .append("\",type=\"")
          .append(code.type())
          .append("\"} ")
          .append(errors.get(code).sum())
          .append('\n');
    }
  }

  private static <K, V> List<Map.Entry<K, V>> sorted(Map<K, V> map, Comparator<K> order) {
    return map.entrySet().stream().sorted(Map.Entry.comparingByKey(order)).toList();
  }
}
