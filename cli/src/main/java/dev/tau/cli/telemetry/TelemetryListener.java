package dev.tau.cli.telemetry;

import dev.tau.agent.AgentEvent;
import dev.tau.agent.AgentListener;
import dev.tau.core.provider.ModelRef;
import dev.tau.telemetry.Telemetry;
import dev.tau.telemetry.TelemetryEvent;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Turns agent events into {@code tool.*} telemetry and passes every event on to the next listener:
 * {@code tool.requested} per tool call, then {@code tool.succeeded} or {@code tool.failed} (with a
 * shortened error) when it ends.
 */
public final class TelemetryListener implements AgentListener {
  /** The {@code author} of tool events: the agent that asked for the tool. */
  public static final String AUTHOR = "tau";

  /** Tool errors are cut to this length: they can quote file contents. */
  static final int MAX_ERROR_CHARS = 300;

  private final Telemetry telemetry;
  private final AgentListener next;

  public TelemetryListener(Telemetry telemetry, AgentListener next) {
    this.telemetry = Objects.requireNonNull(telemetry, "telemetry");
    this.next = Objects.requireNonNull(next, "next");
  }

  @Override
  public void onEvent(AgentEvent event) {
    switch (event) {
      case AgentEvent.ToolCallStarted s ->
          telemetry.emit(TelemetryEvent.TOOL_REQUESTED, tool(s.call().name()));
      case AgentEvent.ToolCallFinished f -> {
        Map<String, Object> fields = tool(f.call().name());
        if (f.result().isError()) {
          fields.put("error", shorten(f.result().text()));
          telemetry.emit(TelemetryEvent.TOOL_FAILED, fields);
        } else {
          telemetry.emit(TelemetryEvent.TOOL_SUCCEEDED, fields);
        }
      }
      default -> {}
    }
    next.onEvent(event);
  }

  /**
   * Emits {@code model.resolved} for {@code ref} on {@code path} ({@code ask}, {@code chat}, {@code
   * server}).
   */
  public static void modelResolved(Telemetry telemetry, ModelRef ref, String path) {
    Map<String, Object> fields = new LinkedHashMap<>();
    fields.put("provider", ref.provider());
    fields.put("model", ref.model());
    fields.put("path", path);
    telemetry.emit(TelemetryEvent.MODEL_RESOLVED, fields);
  }

  static Map<String, Object> tool(String name) {
    Map<String, Object> fields = new LinkedHashMap<>();
    fields.put("tool", name);
    fields.put("author", AUTHOR);
    return fields;
  }

  static String shorten(String text) {
    return text.length() <= MAX_ERROR_CHARS ? text : text.substring(0, MAX_ERROR_CHARS) + "…";
  }
}
