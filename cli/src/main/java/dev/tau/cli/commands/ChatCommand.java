package dev.tau.cli.commands;

import dev.tau.agent.policy.Confirmer;
import dev.tau.cli.Context;
import dev.tau.cli.ModelChoice;
import dev.tau.cli.TauCommand;
import dev.tau.cli.Wiring;
import dev.tau.cli.chat.ChatSession;
import dev.tau.cli.chat.LineConfirmer;
import dev.tau.cli.config.TauSettings;
import dev.tau.cli.telemetry.TelemetryListener;
import dev.tau.core.error.ExitCode;
import dev.tau.core.provider.Cancellation;
import dev.tau.core.provider.ModelProvider;
import dev.tau.core.session.SessionStore;
import dev.tau.telemetry.TelemetryEvent;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicReference;
import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.reader.UserInterruptException;
import org.jline.reader.impl.DefaultParser;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

/**
 * {@code tau chat}: the terminal chat. JLine gives history ({@code .tau/chat_history}), line
 * editing and multi-line input (a line ending in {@code \} continues); Ctrl-C cancels the running
 * answer and keeps the chat; Ctrl-D or {@code /exit} leaves.
 */
@Command(
    name = "chat",
    description = "Chat with the agent in the terminal (history, multi-line input, /help).")
public final class ChatCommand implements Callable<Integer> {
  @ParentCommand TauCommand root;

  @Override
  public Integer call() throws IOException {
    Context ctx = root.context();
    TauSettings settings = ctx.settings();
    ModelChoice choice = ModelChoice.resolve(settings, ctx.env());
    ModelProvider provider = Wiring.provider(choice.ref(), settings, ctx.env());
    Clock clock = Clock.systemUTC();
    try (Terminal terminal = TerminalBuilder.builder().name("tau").system(true).build();
        SessionStore store = Wiring.store(settings, clock)) {
      DefaultParser parser = new DefaultParser();
      parser.setEofOnEscapedNewLine(true);
      LineReaderBuilder builder =
          LineReaderBuilder.builder()
              .terminal(terminal)
              .appName("tau")
              .parser(parser)
              .variable(LineReader.SECONDARY_PROMPT_PATTERN, "... ")
              .option(LineReader.Option.DISABLE_EVENT_EXPANSION, true);
      Path history = ctx.workingDir().resolve(".tau/chat_history");
      try {
        Files.createDirectories(history.getParent());
        builder.variable(LineReader.HISTORY_FILE, history);
      } catch (IOException e) {
        // history is a convenience: chat without it rather than not at all
        terminal
            .writer()
            .println(
                "tau: no chat history (cannot create "
                    + history.getParent()
                    + ": "
                    + e.getMessage()
                    + ")");
      }
      LineReader reader = builder.build();
      PrintWriter out = terminal.writer();
      Confirmer confirmer = new LineConfirmer(reader);
      ChatSession chat =
          new ChatSession(
              settings,
              ctx.env(),
              choice,
              provider,
              store,
              AskCommand.sessionId(settings.sessionId().value()),
              confirmer,
              clock,
              out,
              out);
      if (!choice.notice().isEmpty()) {
        out.println("tau: " + choice.notice());
      }
      chat.telemetry(ctx.telemetry());
      chat.tracing(ctx.tracing());
      chat.mcpTools(ctx.mcp(settings).tools());
      TelemetryListener.modelResolved(ctx.telemetry(), choice.ref(), "chat");
      ctx.telemetry()
          .emit(
              TelemetryEvent.CHAT_STARTED,
              java.util.Map.of(
                  "provider",
                  choice.ref().provider(),
                  "model",
                  choice.ref().model(),
                  "profile",
                  settings.profileName()));
      out.println(chat.banner());
      out.flush();

      AtomicReference<Cancellation> running = new AtomicReference<>();
      terminal.handle(
          Terminal.Signal.INT,
          signal -> {
            Cancellation c = running.get();
            if (c != null) {
              c.cancel();
            }
          });
      while (true) {
        String line;
        try {
          line = reader.readLine("tau> ");
        } catch (UserInterruptException e) {
          out.println("(Ctrl-D or /exit leaves the chat)");
          out.flush();
          continue;
        } catch (EndOfFileException e) {
          break;
        }
        Cancellation cancellation = new Cancellation();
        running.set(cancellation);
        ChatSession.Next next;
        try {
          next = chat.handle(joinContinuations(line), cancellation);
        } finally {
          running.set(null);
        }
        if (next == ChatSession.Next.EXIT) {
          break;
        }
      }
      out.println("Bye. Resume with: bin/tau chat --session-id " + chat.sessionId());
      out.flush();
      return ExitCode.OK.code();
    }
  }

  /** JLine keeps the backslash of a continued line; the prompt gets a plain newline. */
  static String joinContinuations(String line) {
    return line.replace("\\\r\n", "\n").replace("\\\n", "\n");
  }
}
