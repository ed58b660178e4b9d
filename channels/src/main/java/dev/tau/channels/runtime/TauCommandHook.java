package dev.tau.channels.runtime;

import dev.tau.channels.InboundEvent;
import dev.tau.channels.access.AccessReason;
import java.util.Locale;
import java.util.Objects;

/**
 * Where {@code /tau …} messages go instead of the model (tau-spec §5.10): the bounded operator
 * command surface with its RBAC. The runner recognises the command ({@link #isTauCommand}) and
 * never sends it to the agent.
 */
@FunctionalInterface
public interface TauCommandHook {

  /**
   * Handles one {@code /tau} command from an allowed actor whose access reason is {@code scope}.
   */
  CommandOutcome handle(InboundEvent event, String commandLine, AccessReason scope);

  /**
   * The outcome of a command: its response text ("" → nothing delivered), and the {@code command}
   * metadata of the outbound log line.
   */
  record CommandOutcome(String command, String status, String reasonCode, String response) {
    public CommandOutcome {
      Objects.requireNonNull(command, "command");
      Objects.requireNonNull(status, "status");
      Objects.requireNonNull(reasonCode, "reasonCode");
      Objects.requireNonNull(response, "response");
    }

    /**
     * The spec's footer: {@code <body>\n\nTau command `/tau <line>` | status `…` | reason_code
     * `…`}.
     */
    public static String withFooter(String body, String commandLine, String status, String code) {
      String text = body.isBlank() ? "Tau command response." : body.strip();
      return text
          + "\n\nTau command `/tau "
          + commandLine
          + "` | status `"
          + status
          + "` | reason_code `"
          + code
          + "`";
    }
  }

  /**
   * Whether {@code text}'s first whitespace-separated token is {@code /tau} or starts with {@code
   * /tau@} (a Telegram bot mention).
   */
  static boolean isTauCommand(String text) {
    String first = text.strip().split("\\s+", 2)[0].toLowerCase(Locale.ROOT);
    return first.equals("/tau") || first.startsWith("/tau@");
  }

  /** The command line after {@code /tau} ({@code help} when empty). */
  static String commandLine(String text) {
    String[] parts = text.strip().split("\\s+", 2);
    return parts.length < 2 || parts[1].isBlank() ? "help" : parts[1].strip();
  }

  /**
   * The hook of a build without the operator command surface: every command fails with {@code
   * command_unknown} and says so, and nothing reaches the model.
   */
  TauCommandHook UNAVAILABLE =
      (event, line, scope) ->
          new CommandOutcome(
              line,
              "failed",
              "command_unknown",
              CommandOutcome.withFooter(
                  "`/tau` operator commands are not available in this Tau build.",
                  line,
                  "failed",
                  "command_unknown"));
}
