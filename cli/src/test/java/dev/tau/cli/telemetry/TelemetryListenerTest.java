package dev.tau.cli.telemetry;

import static dev.tau.telemetry.TelemetryEvent.MODEL_RESOLVED;
import static dev.tau.telemetry.TelemetryEvent.TOOL_FAILED;
import static dev.tau.telemetry.TelemetryEvent.TOOL_REQUESTED;
import static dev.tau.telemetry.TelemetryEvent.TOOL_SUCCEEDED;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tau.agent.AgentEvent;
import dev.tau.agent.ToolRegistry;
import dev.tau.core.json.Json;
import dev.tau.core.model.ToolCall;
import dev.tau.core.model.ToolDefinition;
import dev.tau.core.provider.ModelRef;
import dev.tau.core.tool.Tool;
import dev.tau.core.tool.ToolContext;
import dev.tau.core.tool.ToolErrorCode;
import dev.tau.core.tool.ToolResult;
import dev.tau.telemetry.Telemetry;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class TelemetryListenerTest {
  private final RecordingTelemetry telemetry = new RecordingTelemetry();

  @Test
  void toolCallsBecomeRequestedThenSucceededOrFailedAndEveryEventIsPassedOn() {
    List<AgentEvent> passedOn = new ArrayList<>();
    TelemetryListener listener = new TelemetryListener(telemetry, passedOn::add);
    ToolCall ls = new ToolCall("c1", "ls", "{}");
    ToolCall read = new ToolCall("c2", "read", "{\"path\":\"x\"}");
    List<AgentEvent> events =
        List.of(
            new AgentEvent.TurnStarted(1),
            new AgentEvent.ToolCallStarted(ls),
            new AgentEvent.ToolCallStarted(read),
            new AgentEvent.ToolCallFinished(ls, new ToolResult.Ok("a\nb"), 2),
            new AgentEvent.ToolCallFinished(
                read, new ToolResult.Failed(ToolErrorCode.INVALID_ARGUMENTS, "no such file: x"), 1),
            new AgentEvent.TurnFinished(1));
    events.forEach(listener::onEvent);

    assertThat(passedOn).isEqualTo(events);
    assertThat(telemetry.names())
        .containsExactly(TOOL_REQUESTED, TOOL_REQUESTED, TOOL_SUCCEEDED, TOOL_FAILED);
    assertThat(telemetry.events.get(0).fields().get("tool").asString()).isEqualTo("ls");
    assertThat(telemetry.events.get(0).fields().get("author").asString()).isEqualTo("tau");
    assertThat(telemetry.events.get(3).fields().get("error").asString())
        .isEqualTo("no such file: x");
  }

  @Test
  void longToolErrorsAreShortened() {
    TelemetryListener listener = new TelemetryListener(telemetry, e -> {});
    ToolCall call = new ToolCall("c1", "bash", "{}");
    listener.onEvent(
        new AgentEvent.ToolCallFinished(
            call, new ToolResult.Failed(ToolErrorCode.INVALID_ARGUMENTS, "y".repeat(5000)), 1));

    assertThat(telemetry.events.getFirst().fields().get("error").asString())
        .hasSize(TelemetryListener.MAX_ERROR_CHARS + 1);
  }

  @Test
  void modelResolvedNamesProviderModelAndPath() {
    TelemetryListener.modelResolved(telemetry, new ModelRef("openai", "gpt-4o-mini"), "ask");

    var fields = telemetry.events.getFirst().fields();
    assertThat(telemetry.names()).containsExactly(MODEL_RESOLVED);
    assertThat(fields.get("provider").asString()).isEqualTo("openai");
    assertThat(fields.get("model").asString()).isEqualTo("gpt-4o-mini");
    assertThat(fields.get("path").asString()).isEqualTo("ask");
  }

  @Test
  void observedToolsReportEachRunAndReturnTheToolsResult() {
    Tool echo =
        new Tool() {
          @Override
          public ToolDefinition definition() {
            return new ToolDefinition("echo", "echoes", Json.object().put("type", "object"));
          }

          @Override
          public ToolResult execute(JsonNode arguments, ToolContext context) {
            return arguments.has("fail")
                ? new ToolResult.Failed(ToolErrorCode.INVALID_ARGUMENTS, "asked to fail")
                : new ToolResult.Ok("ok");
          }
        };
    ToolRegistry observed = ObservedTools.observe(ToolRegistry.of(echo), telemetry);
    Tool wrapped = observed.find("echo").orElseThrow();

    assertThat(wrapped.execute(Json.object(), null)).isEqualTo(new ToolResult.Ok("ok"));
    assertThat(wrapped.execute(Json.object().put("fail", true), null).isError()).isTrue();
    assertThat(telemetry.names())
        .containsExactly(TOOL_REQUESTED, TOOL_SUCCEEDED, TOOL_REQUESTED, TOOL_FAILED);
    assertThat(ObservedTools.observe(ToolRegistry.of(echo), Telemetry.disabled()).find("echo"))
        .containsSame(echo);
  }
}
