package dev.tau.cli;

import dev.tau.agent.AgentEvent;
import dev.tau.agent.AgentListener;
import dev.tau.core.tool.ToolResult;
import java.io.PrintWriter;

/**
 * Shows a run as it happens: answer text streams to {@code out}; tool activity goes to {@code err}
 * as one short line per call, so stdout carries only the answer.
 */
public final class TurnPrinter implements AgentListener {
  private static final int ARG_PREVIEW = 80;

  private final PrintWriter out;
  private final PrintWriter err;
  private boolean midLine;

  public TurnPrinter(PrintWriter out, PrintWriter err) {
    this.out = out;
    this.err = err;
  }

  @Override
  public void onEvent(AgentEvent event) {
    switch (event) {
      case AgentEvent.TextDelta d -> {
        out.print(d.text());
        out.flush();
        midLine = !d.text().endsWith("\n");
      }
      case AgentEvent.ToolCallStarted s -> {
        endLine();
        err.println("· " + s.call().name() + " " + preview(s.call().arguments()));
        err.flush();
      }
      case AgentEvent.ToolCallFinished f -> {
        ToolResult r = f.result();
        String status =
            switch (r) {
              case ToolResult.Ok ok -> "ok";
              case ToolResult.Failed failed ->
                  failed.code().wire() + ": " + firstLine(failed.text());
            };
        err.println("  → " + f.call().name() + " " + status + " (" + f.durationMs() + " ms)");
        err.flush();
      }
      default -> {}
    }
  }

  /** Ends a partly printed answer line. */
  public void endLine() {
    if (midLine) {
      out.println();
      out.flush();
      midLine = false;
    }
  }

  private static String preview(String arguments) {
    String oneLine = arguments.replace('\n', ' ');
    return oneLine.length() <= ARG_PREVIEW ? oneLine : oneLine.substring(0, ARG_PREVIEW) + "…";
  }

  private static String firstLine(String text) {
    int nl = text.indexOf('\n');
    String line = nl < 0 ? text : text.substring(0, nl);
    return line.length() <= 160 ? line : line.substring(0, 160) + "…";
  }
}
