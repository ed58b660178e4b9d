package dev.tau.cli.chat;

import dev.tau.agent.Agent;
import dev.tau.agent.AgentOutcome;
import dev.tau.agent.policy.Confirmer;
import dev.tau.agent.policy.PolicyDecision;
import dev.tau.cli.Failure;
import dev.tau.cli.ModelChoice;
import dev.tau.cli.TurnPrinter;
import dev.tau.cli.Wiring;
import dev.tau.cli.config.Source;
import dev.tau.cli.config.TauSettings;
import dev.tau.cli.telemetry.TelemetryListener;
import dev.tau.core.error.InputException;
import dev.tau.core.guardrail.GuardrailMode;
import dev.tau.core.model.Message;
import dev.tau.core.provider.Cancellation;
import dev.tau.core.provider.ModelProvider;
import dev.tau.core.provider.ModelRef;
import dev.tau.core.provider.ProviderException;
import dev.tau.core.session.SessionId;
import dev.tau.core.session.SessionStore;
import dev.tau.core.tool.Tool;
import dev.tau.guardrails.Direction;
import dev.tau.guardrails.GuardedRun;
import dev.tau.guardrails.GuardrailBlockedException;
import dev.tau.telemetry.Telemetry;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Map;

/**
 * The chat's state and its slash commands, apart from the terminal so it can be tested with plain
 * strings: one {@link #handle} call per entered line.
 */
public final class ChatSession {
  /** What the chat loop does after a line. */
  public enum Next {
    CONTINUE,
    EXIT
  }

  static final String HELP =
      """
      Commands:
        /help              this list
        /exit, /quit       leave the chat (Ctrl-D too)
        /session [ID]      show the session, or switch to session ID (created on first message)
        /model [ID]        show the model, or switch to provider/model (e.g. openai/gpt-4o-mini)
        /tools             list the tools and what the policy says about each
        /clear             start a new, empty session (the old one stays resumable)
      Ctrl-C cancels a running answer; end a line with \\ to continue on the next line.""";

  private static final DateTimeFormatter CLEAR_ID =
      DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);

  private final TauSettings settings;
  private final Map<String, String> env;
  private final SessionStore store;
  private final Confirmer confirmer;
  private final Clock clock;
  private final PrintWriter out;
  private final PrintWriter err;
  private SessionId sessionId;
  private ModelChoice choice;
  private Agent agent;
  private Telemetry telemetry = Telemetry.disabled();
  private dev.tau.agent.RunObserver tracing = dev.tau.agent.RunObserver.NONE;
  private java.util.List<dev.tau.core.tool.Tool> mcpTools = java.util.List.of();

  public ChatSession(
      TauSettings settings,
      Map<String, String> env,
      ModelChoice choice,
      ModelProvider provider,
      SessionStore store,
      SessionId sessionId,
      Confirmer confirmer,
      Clock clock,
      PrintWriter out,
      PrintWriter err) {
    this.settings = settings;
    this.env = env;
    this.store = store;
    this.confirmer = confirmer;
    this.clock = clock;
    this.out = out;
    this.err = err;
    this.sessionId = sessionId;
    this.choice = choice;
    this.agent = Wiring.agent(choice, provider, settings, confirmer, clock);
  }

  public SessionId sessionId() {
    return sessionId;
  }

  public ModelChoice model() {
    return choice;
  }

  /** The banner shown when the chat starts. */
  public String banner() {
    int events = store.find(sessionId).map(i -> (int) i.eventCount()).orElse(0);
    return "Tau chat — model "
        + choice.ref()
        + ", session "
        + sessionId
        + (events > 0 ? " (resumed, " + events + " events)" : " (new)")
        + ". /help lists commands, /exit leaves."
        + (outputBuffered()
            ? "\nOutput guardrail is "
                + settings.guardrailOutputMode().value().wire()
                + ": answers appear once checked, not as they stream."
            : "");
  }

  private boolean outputBuffered() {
    GuardrailMode mode = settings.guardrailOutputMode().value();
    return mode == GuardrailMode.BLOCK || mode == GuardrailMode.REDACT;
  }

  /** Handles one entered line: a slash command or a prompt for the agent. */
  public Next handle(String line, Cancellation cancellation) {
    String text = line.strip();
    if (text.isEmpty()) {
      return Next.CONTINUE;
    }
    if (text.startsWith("/")) {
      return command(text);
    }
    runTurn(text, cancellation);
    return Next.CONTINUE;
  }

  private Next command(String text) {
    String[] parts = text.split("\\s+", 2);
    String arg = parts.length > 1 ? parts[1].strip() : "";
    switch (parts[0]) {
      case "/exit", "/quit" -> {
        return Next.EXIT;
      }
      case "/help" -> out.println(HELP);
      case "/session" -> session(arg);
      case "/model" -> model(arg);
      case "/tools" -> tools();
      case "/clear" -> {
        SessionId previous = sessionId;
        sessionId = SessionId.of("chat-" + CLEAR_ID.format(clock.instant()));
        out.println(
            "Started session "
                + sessionId
                + ". The previous one stays resumable: /session "
                + previous);
      }
      default -> out.println("Unknown command " + parts[0] + "; /help lists the commands.");
    }
    out.flush();
    return Next.CONTINUE;
  }

  private void session(String arg) {
    if (!arg.isEmpty()) {
      try {
        sessionId = SessionId.of(arg);
      } catch (IllegalArgumentException e) {
        out.println(e.getMessage());
        return;
      }
    }
    long events = store.find(sessionId).map(i -> i.eventCount()).orElse(0L);
    out.println(
        "Session " + sessionId + " (" + events + " events, store " + store.describe() + ")");
  }

  private void model(String arg) {
    if (arg.isEmpty()) {
      out.println("Model " + choice.ref());
      return;
    }
    try {
      ModelChoice next = new ModelChoice(ModelRef.parse(arg), Source.FLAG, "");
      ModelProvider provider = Wiring.provider(next.ref(), settings, env);
      agent = Wiring.agent(next, provider, settings, confirmer, clock, mcpTools);
      choice = next;
      out.println("Model " + choice.ref());
    } catch (IllegalArgumentException | InputException | ProviderException e) {
      out.println("Model unchanged (" + choice.ref() + "): " + e.getMessage());
    }
  }

  private void tools() {
    for (Tool tool : agent.tools().tools()) {
      String status =
          switch (agent.policy().decide(tool)) {
            case PolicyDecision.Allowed a -> "allowed";
            case PolicyDecision.Denied d -> "denied";
            case PolicyDecision.NeedsConfirmation n -> "asks first";
          };
      out.printf(
          "  %-6s %-10s %s%n",
          tool.definition().name(), status, firstSentence(tool.definition().description()));
    }
  }

  /** Sends this chat's {@code tool.*} events to {@code value} (disabled by default). */
  public void telemetry(Telemetry value) {
    this.telemetry = java.util.Objects.requireNonNull(value, "telemetry");
  }

  /** Offers the tools of the connected MCP servers too, now and after a model switch. */
  public void mcpTools(java.util.List<? extends dev.tau.core.tool.Tool> tools) {
    this.mcpTools = java.util.List.copyOf(tools);
    this.agent = agent.toBuilder().tools(agent.tools().plus(this.mcpTools)).build();
  }

  /** Gives every turn of this chat to {@code value} (the OpenTelemetry tracing). */
  public void tracing(dev.tau.agent.RunObserver value) {
    this.tracing = java.util.Objects.requireNonNull(value, "tracing");
  }

  private void runTurn(String text, Cancellation cancellation) {
    TurnPrinter printer = new TurnPrinter(out, err);
    try {
      GuardedRun run =
          Wiring.guardedRunner(store, agent, clock, settings, telemetry)
              .run(
                  sessionId,
                  Message.user(text),
                  tracing
                      .start(sessionId, choice.ref())
                      .andThen(new TelemetryListener(telemetry, printer)),
                  cancellation);
      printer.endLine();
      // A blocked prompt or answer is reported and the chat goes on (zavora-spec 8.1).
      AgentOutcome outcome =
          switch (run) {
            case GuardedRun.InputBlocked b ->
                throw new GuardrailBlockedException(Direction.INPUT, b.hits());
            case GuardedRun.OutputBlocked b ->
                throw new GuardrailBlockedException(Direction.OUTPUT, b.hits());
            case GuardedRun.Ran r -> r.outcome();
          };
      switch (outcome) {
        case AgentOutcome.Completed c -> {}
        case AgentOutcome.LimitReached l -> err.println("tau: stopped: " + l.message());
        case AgentOutcome.Cancelled c -> err.println("tau: cancelled");
        case AgentOutcome.Failed f -> error(f.error());
      }
    } catch (RuntimeException e) {
      printer.endLine();
      error(e);
    }
    err.flush();
    out.flush();
  }

  private void error(RuntimeException e) {
    Failure failure = Failure.of(e);
    err.println("tau: error: " + failure.message());
    if (!failure.hint().isEmpty()) {
      err.println("hint: " + failure.hint());
    }
  }

  private static String firstSentence(String text) {
    int dot = text.indexOf(". ");
    return dot < 0 ? text : text.substring(0, dot + 1);
  }
}
