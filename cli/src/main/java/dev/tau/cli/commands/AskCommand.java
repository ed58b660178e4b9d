package dev.tau.cli.commands;

import dev.tau.agent.Agent;
import dev.tau.agent.AgentOutcome;
import dev.tau.agent.policy.Confirmer;
import dev.tau.cli.Context;
import dev.tau.cli.ModelChoice;
import dev.tau.cli.TauCommand;
import dev.tau.cli.TurnPrinter;
import dev.tau.cli.Wiring;
import dev.tau.cli.config.TauSettings;
import dev.tau.cli.telemetry.TelemetryListener;
import dev.tau.core.error.ExitCode;
import dev.tau.core.error.InputException;
import dev.tau.core.json.Json;
import dev.tau.core.json.MessageCodec;
import dev.tau.core.model.Message;
import dev.tau.core.model.ToolCall;
import dev.tau.core.provider.Cancellation;
import dev.tau.core.provider.ModelProvider;
import dev.tau.core.session.SessionId;
import dev.tau.core.session.SessionStore;
import dev.tau.guardrails.Direction;
import dev.tau.guardrails.GuardedRun;
import dev.tau.guardrails.GuardedRunner;
import dev.tau.guardrails.GuardrailBlockedException;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** {@code tau ask "…"}: one agent run on a persisted session, then exit. */
@Command(
    name = "ask",
    description = {
      "Run one prompt through the agent and print the answer.",
      "The prompt comes from the arguments, or from stdin when none is given (or '-')."
    })
public final class AskCommand implements Callable<Integer> {
  /** Longest prompt accepted, so a runaway pipe cannot be sent to a paid API by accident. */
  static final int MAX_PROMPT_CHARS = 400_000;

  @ParentCommand TauCommand root;

  @Parameters(arity = "0..*", paramLabel = "PROMPT", description = "The prompt (words are joined).")
  List<String> words = new ArrayList<>();

  @Override
  public Integer call() throws IOException {
    Context ctx = root.context();
    TauSettings settings = ctx.settings();
    String prompt = prompt(ctx);
    SessionId sessionId = sessionId(settings.sessionId().value());
    ModelChoice choice = ModelChoice.resolve(settings, ctx.env());
    PrintWriter out = ctx.terminals().out();
    PrintWriter err = ctx.terminals().err();
    if (!choice.notice().isEmpty()) {
      err.println("tau: " + choice.notice());
      err.flush();
    }
    ModelProvider provider = Wiring.provider(choice.ref(), settings, ctx.env());
    TelemetryListener.modelResolved(ctx.telemetry(), choice.ref(), "ask");
    Clock clock = Clock.systemUTC();
    Confirmer confirmer =
        ctx.terminals().stdinIsTerminal() ? new ConsoleConfirmer(err) : Confirmer.UNATTENDED;
    Agent agent =
        Wiring.agent(choice, provider, settings, confirmer, clock, ctx.mcp(settings).tools());
    try (SessionStore store = Wiring.store(settings, clock)) {
      GuardedRunner runner = Wiring.guardedRunner(store, agent, clock, settings, ctx.telemetry());
      TurnPrinter printer = new TurnPrinter(out, err);
      Cancellation cancellation = new Cancellation();
      cancelOnInterrupt(cancellation, err);
      GuardedRun run =
          runner.run(
              sessionId,
              Message.user(prompt),
              ctx.tracing()
                  .start(sessionId, choice.ref())
                  .andThen(
                      new TelemetryListener(ctx.telemetry(), ctx.json() ? event -> {} : printer)),
              cancellation);
      printer.endLine();
      AgentOutcome outcome =
          switch (run) {
            case GuardedRun.InputBlocked b ->
                throw new GuardrailBlockedException(Direction.INPUT, b.hits());
            case GuardedRun.OutputBlocked b ->
                throw new GuardrailBlockedException(Direction.OUTPUT, b.hits());
            case GuardedRun.Ran r -> r.outcome();
          };
      return ctx.json() ? printJson(out, outcome, sessionId, choice) : finishText(err, outcome);
    }
  }

  /**
   * The first Ctrl-C cancels the run, so what already happened (the prompt, tool calls that ran) is
   * saved to the session; a second one exits at once.
   */
  private static void cancelOnInterrupt(Cancellation cancellation, PrintWriter err) {
    sun.misc.Signal.handle(
        new sun.misc.Signal("INT"),
        signal -> {
          if (cancellation.isCancelled()) {
            Runtime.getRuntime().halt(ExitCode.INTERRUPTED.code());
          }
          err.println();
          err.println("tau: cancelling (Ctrl-C again to quit at once)");
          err.flush();
          cancellation.cancel();
        });
  }

  private String prompt(Context ctx) throws IOException {
    boolean fromStdin = words.isEmpty() || (words.size() == 1 && words.getFirst().equals("-"));
    String text;
    if (fromStdin) {
      if (ctx.terminals().stdinIsTerminal()) {
        throw new InputException(
            "no prompt: give it as an argument (bin/tau ask \"…\") or pipe it on stdin");
      }
      text = read(ctx.terminals().in());
    } else {
      text = String.join(" ", words);
    }
    if (text.isBlank()) {
      throw new InputException("no prompt: the prompt is empty");
    }
    if (text.length() > MAX_PROMPT_CHARS) {
      throw new InputException(
          "prompt is "
              + text.length()
              + " characters; the input limit is "
              + MAX_PROMPT_CHARS
              + " (put large material in a file and ask the agent to read it)");
    }
    return text.strip();
  }

  private static String read(InputStream in) throws IOException {
    byte[] bytes = in.readNBytes(MAX_PROMPT_CHARS * 4 + 1);
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(java.nio.charset.CodingErrorAction.REPORT)
          .onUnmappableCharacter(java.nio.charset.CodingErrorAction.REPORT)
          .decode(java.nio.ByteBuffer.wrap(bytes))
          .toString();
    } catch (java.nio.charset.CharacterCodingException e) {
      throw new InputException("failed to read input: stdin is not valid UTF-8");
    }
  }

  static SessionId sessionId(String value) {
    try {
      return SessionId.of(value);
    } catch (IllegalArgumentException e) {
      throw new InputException(e.getMessage() + " (--session-id)");
    }
  }

  private static int finishText(PrintWriter err, AgentOutcome outcome) {
    return switch (outcome) {
      case AgentOutcome.Completed c -> ExitCode.OK.code();
      case AgentOutcome.LimitReached l -> {
        err.println("tau: stopped: " + l.message());
        err.flush();
        yield ExitCode.INCOMPLETE.code();
      }
      case AgentOutcome.Cancelled c -> {
        err.println("tau: cancelled");
        err.flush();
        yield ExitCode.INTERRUPTED.code();
      }
      case AgentOutcome.Failed f -> throw f.error();
    };
  }

  private static int printJson(
      PrintWriter out, AgentOutcome outcome, SessionId sessionId, ModelChoice choice) {
    if (outcome instanceof AgentOutcome.Failed f) {
      throw f.error();
    }
    ObjectNode root = Json.object();
    root.put("session_id", sessionId.value());
    root.put("model", choice.ref().toString());
    String status =
        switch (outcome) {
          case AgentOutcome.Completed c -> "completed";
          case AgentOutcome.LimitReached l -> "limit_reached";
          case AgentOutcome.Cancelled c -> "cancelled";
          case AgentOutcome.Failed f -> "failed";
        };
    root.put("status", status);
    switch (outcome) {
      case AgentOutcome.Completed c -> {
        root.put("text", c.text());
        root.put("stop_reason", c.stopReason().wire());
      }
      case AgentOutcome.LimitReached l -> {
        root.put("text", lastAssistantText(l.newMessages()));
        root.put("limit", l.limit().name().toLowerCase(java.util.Locale.ROOT));
        root.put("message", l.message());
      }
      default -> root.put("text", lastAssistantText(messagesOf(outcome)));
    }
    root.put("turns", outcome.stats().turns());
    ArrayNode calls = root.putArray("tool_calls");
    for (Message m : messagesOf(outcome)) {
      if (m instanceof Message.Assistant a) {
        for (ToolCall call : a.toolCalls()) {
          ObjectNode c = calls.addObject();
          c.put("id", call.id());
          c.put("name", call.name());
        }
      } else if (m instanceof Message.Tool t) {
        for (var node : calls) {
          if (node.path("id").asString("").equals(t.toolCallId())) {
            ((ObjectNode) node).put("is_error", t.isError());
          }
        }
      }
    }
    root.set("usage", MessageCodec.usageToJson(outcome.stats().usage()));
    out.println(Json.write(root));
    out.flush();
    return switch (outcome) {
      case AgentOutcome.Completed c -> ExitCode.OK.code();
      case AgentOutcome.LimitReached l -> ExitCode.INCOMPLETE.code();
      default -> ExitCode.INTERRUPTED.code();
    };
  }

  private static List<Message> messagesOf(AgentOutcome outcome) {
    return switch (outcome) {
      case AgentOutcome.Completed c -> c.newMessages();
      case AgentOutcome.LimitReached l -> l.newMessages();
      case AgentOutcome.Cancelled c -> c.newMessages();
      case AgentOutcome.Failed f -> f.newMessages();
    };
  }

  private static String lastAssistantText(List<Message> messages) {
    for (int i = messages.size() - 1; i >= 0; i--) {
      if (messages.get(i) instanceof Message.Assistant a && !a.text().isEmpty()) {
        return a.text();
      }
    }
    return "";
  }
}
