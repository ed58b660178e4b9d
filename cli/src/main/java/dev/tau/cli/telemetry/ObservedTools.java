package dev.tau.cli.telemetry;

import dev.tau.agent.ToolRegistry;
import dev.tau.core.model.ToolDefinition;
import dev.tau.core.tool.Tool;
import dev.tau.core.tool.ToolContext;
import dev.tau.core.tool.ToolResult;
import dev.tau.telemetry.Telemetry;
import dev.tau.telemetry.TelemetryEvent;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import tools.jackson.databind.JsonNode;

/**
 * Tools that report {@code tool.requested} and {@code tool.succeeded}/{@code tool.failed} as they
 * run, for hosts (the gateway) whose agent listener belongs to the request. A call the tool policy
 * refuses never reaches the tool, so it is not counted here.
 */
public final class ObservedTools {
  private ObservedTools() {}

  /** {@code tools} with every tool wrapped; the same registry when telemetry is disabled. */
  public static ToolRegistry observe(ToolRegistry tools, Telemetry telemetry) {
    if (!telemetry.enabled()) {
      return tools;
    }
    List<Tool> wrapped =
        tools.tools().stream().map(t -> (Tool) new Observed(t, telemetry)).toList();
    return ToolRegistry.of(wrapped);
  }

  private record Observed(Tool tool, Telemetry telemetry) implements Tool {
    Observed {
      Objects.requireNonNull(tool, "tool");
      Objects.requireNonNull(telemetry, "telemetry");
    }

    @Override
    public ToolDefinition definition() {
      return tool.definition();
    }

    @Override
    public boolean isMcp() {
      return tool.isMcp();
    }

    @Override
    public ToolResult execute(JsonNode arguments, ToolContext context) {
      String name = tool.definition().name();
      telemetry.emit(TelemetryEvent.TOOL_REQUESTED, TelemetryListener.tool(name));
      ToolResult result;
      try {
        result = tool.execute(arguments, context);
      } catch (RuntimeException e) {
        Map<String, Object> fields = TelemetryListener.tool(name);
        fields.put("error", TelemetryListener.shorten(String.valueOf(e.getMessage())));
        telemetry.emit(TelemetryEvent.TOOL_FAILED, fields);
        throw e;
      }
      Map<String, Object> fields = TelemetryListener.tool(name);
      if (result.isError()) {
        fields.put("error", TelemetryListener.shorten(result.text()));
        telemetry.emit(TelemetryEvent.TOOL_FAILED, fields);
      } else {
        telemetry.emit(TelemetryEvent.TOOL_SUCCEEDED, fields);
      }
      return result;
    }
  }
}
