package dev.tau.agent.loop;

import dev.tau.agent.RunLimit;
import dev.tau.core.provider.ModelResponse;
import dev.tau.core.tool.ToolResult;
import java.util.ArrayList;
import java.util.List;

/** The working state of one turn, passed through the stages. One turn, one thread. */
final class Turn {
  final RunState run;
  int number;
  ModelResponse response;
  List<PlannedCall> plans = new ArrayList<>();
  final List<ToolResult> results = new ArrayList<>();
  RunLimit limitHit;

  Turn(RunState run) {
    this.run = run;
  }

  boolean started() {
    return number > 0;
  }
}
