package dev.tau.cli.chat;

import dev.tau.agent.policy.Confirmer;
import dev.tau.core.model.ToolCall;
import dev.tau.core.model.ToolDefinition;
import java.util.Locale;
import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.UserInterruptException;

/** Asks in the chat whether a tool may run; Ctrl-C or Ctrl-D at the question declines. */
public final class LineConfirmer implements Confirmer {
  private final LineReader reader;

  public LineConfirmer(LineReader reader) {
    this.reader = reader;
  }

  @Override
  public Decision confirm(ToolCall call, ToolDefinition definition) {
    String args = call.arguments().replace('\n', ' ');
    if (args.length() > 200) {
      args = args.substring(0, 200) + "…";
    }
    try {
      String answer = reader.readLine("Allow tool '" + call.name() + "' with " + args + "? [y/N] ");
      String a = answer.strip().toLowerCase(Locale.ROOT);
      return a.equals("y") || a.equals("yes") ? Decision.APPROVED : Decision.DECLINED;
    } catch (UserInterruptException | EndOfFileException e) {
      return Decision.DECLINED;
    }
  }
}
