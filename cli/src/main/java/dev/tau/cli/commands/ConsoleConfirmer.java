package dev.tau.cli.commands;

import dev.tau.agent.policy.Confirmer;
import dev.tau.core.model.ToolCall;
import dev.tau.core.model.ToolDefinition;
import java.io.Console;
import java.io.PrintWriter;
import java.util.Locale;

/**
 * Asks on the controlling terminal whether a tool may run. Used by {@code ask} when stdin is a
 * terminal; with no console the call is refused as unanswered, so nothing ever hangs.
 */
final class ConsoleConfirmer implements Confirmer {
  private final PrintWriter err;

  ConsoleConfirmer(PrintWriter err) {
    this.err = err;
  }

  @Override
  public Decision confirm(ToolCall call, ToolDefinition definition) {
    Console console = System.console();
    if (console == null) {
      return Decision.UNANSWERED;
    }
    err.flush();
    String answer =
        console.readLine(
            "Allow tool '%s' with %s? [y/N] ", call.name(), abbreviate(call.arguments()));
    if (answer == null) {
      return Decision.UNANSWERED;
    }
    String a = answer.strip().toLowerCase(Locale.ROOT);
    return a.equals("y") || a.equals("yes") ? Decision.APPROVED : Decision.DECLINED;
  }

  static String abbreviate(String arguments) {
    String oneLine = arguments.replace('\n', ' ');
    return oneLine.length() <= 200 ? oneLine : oneLine.substring(0, 200) + "…";
  }
}
