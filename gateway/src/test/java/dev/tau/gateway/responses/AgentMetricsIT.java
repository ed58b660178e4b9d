package dev.tau.gateway.responses;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tau.agent.RunObserver;
import dev.tau.core.json.Json;
import dev.tau.core.model.ToolCall;
import dev.tau.core.model.ToolDefinition;
import dev.tau.core.provider.ProviderException;
import dev.tau.core.tool.Tool;
import dev.tau.core.tool.ToolContext;
import dev.tau.core.tool.ToolErrorCode;
import dev.tau.core.tool.ToolResult;
import dev.tau.testkit.agent.ScriptedModelProvider;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code /metrics} on a real gateway on loopback after real turns: turn, tool, token and error
 * counters, exactly.
 */
class AgentMetricsIT {
  @TempDir Path dir;
  final ScriptedModelProvider model = new ScriptedModelProvider();

  static Tool tool(String name, ToolResult result) {
    return new Tool() {
      @Override
      public ToolDefinition definition() {
        return new ToolDefinition(name, "a test tool", Json.object().put("type", "object"));
      }

      @Override
      public ToolResult execute(JsonNode arguments, ToolContext context) {
        return result;
      }
    };
  }

  static ObjectNode request(String input) {
    ObjectNode body = Json.object();
    body.put("model", ResponsesHarness.MODEL);
    body.put("input", input);
    return body;
  }

  @Test
  void everyTurnIsGivenToTheRunObserverWithItsSessionAndConfiguredModel() throws Exception {
    model.replyToolCalls(new ToolCall("c1", "clock", "{}")).replyText("noon");
    List<String> seen = new CopyOnWriteArrayList<>();
    RunObserver observer =
        (session, ref) ->
            event -> seen.add(session.value() + " " + ref + " " + event.getClass().getSimpleName());
    try (var gw =
        ResponsesHarness.start(model, dir, observer, tool("clock", ToolResult.ok("12:00")))) {
      ObjectNode body = request("time?");
      body.putObject("metadata").put("session_id", "s-7");
      assertThat(gw.post("/v1/responses", body).statusCode()).isEqualTo(200);
    }
    assertThat(seen)
        .containsExactly(
            "s-7 scripted/test-model TurnStarted",
            "s-7 scripted/test-model UsageReported",
            "s-7 scripted/test-model ToolCallStarted",
            "s-7 scripted/test-model ToolCallFinished",
            "s-7 scripted/test-model TurnFinished",
            "s-7 scripted/test-model TurnStarted",
            "s-7 scripted/test-model TextDelta",
            "s-7 scripted/test-model UsageReported",
            "s-7 scripted/test-model TurnFinished",
            "s-7 scripted/test-model RunFinished");
  }

  @Test
  void turnsToolCallsTokensAndErrorsAreCountedWithBoundedLabels() throws Exception {
    model
        // turn 1: an ok tool, a failing tool and a tool the model made up, then the answer
        .replyToolCalls(
            new ToolCall("c1", "clock", "{}"),
            new ToolCall("c2", "flaky", "{}"),
            new ToolCall("c3", "made_up_tool", "{}"))
        .replyText("It is noon.")
        // turn 2: the model calls a client function whose name the caller chose
        .replyToolCalls(new ToolCall("c4", "caller_named_fn", "{\"q\":1}"))
        // turns 3 and 4: the provider fails, once answered whole, once streamed
        .fail(new ProviderException.ServerError("scripted", 503, "overloaded", null))
        .fail(new ProviderException.ServerError("scripted", 503, "overloaded", null));
    try (var gw =
        ResponsesHarness.start(
            model,
            dir,
            32_000,
            Duration.ofSeconds(5),
            tool("clock", ToolResult.ok("12:00")),
            tool("flaky", new ToolResult.Failed(ToolErrorCode.NOT_FOUND, "no such thing")))) {
      assertThat(gw.post("/v1/responses", request("time?")).statusCode()).isEqualTo(200);
      ObjectNode withFunction = request("look it up");
      withFunction
          .putArray("tools")
          .addObject()
          .put("type", "function")
          .put("name", "caller_named_fn");
      assertThat(gw.post("/v1/responses", withFunction).statusCode()).isEqualTo(200);
      assertThat(gw.post("/v1/responses", request("hi")).statusCode()).isEqualTo(502);
      ObjectNode streamed = request("hi");
      streamed.put("stream", true);
      assertThat(gw.stream("/v1/responses", streamed)).isNotEmpty();
      assertThat(gw.post("/v1/responses", "{not json").statusCode()).isEqualTo(400);

      HttpResponse<String> scrape = gw.get("/metrics");
      assertThat(scrape.statusCode()).isEqualTo(200);
      String text = scrape.body();
      assertThat(text)
          .contains("# TYPE tau_agent_turns_total counter\n")
          .contains("tau_agent_turns_total{outcome=\"completed\"} 1\n")
          .contains("tau_agent_turns_total{outcome=\"cancelled\"} 1\n")
          .contains("tau_agent_turns_total{outcome=\"failed\"} 2\n")
          .contains("tau_agent_turns_total{outcome=\"limit_reached\"} 0\n")
          .contains("tau_agent_turns_total{outcome=\"error\"} 0\n")
          .contains("# TYPE tau_agent_turn_duration_seconds histogram\n")
          .contains("tau_agent_turn_duration_seconds_count{outcome=\"completed\"} 1\n")
          .contains("tau_agent_turn_duration_seconds_bucket{outcome=\"failed\",le=\"+Inf\"} 2\n")
          .contains("# TYPE tau_agent_tool_calls_total counter\n")
          .contains("tau_agent_tool_calls_total{tool=\"clock\",outcome=\"ok\",error_code=\"\"} 1\n")
          .contains(
              "tau_agent_tool_calls_total{tool=\"flaky\",outcome=\"error\",error_code=\"not_found\"} 1\n")
          .contains(
              "tau_agent_tool_calls_total{tool=\"(unknown)\",outcome=\"error\",error_code=\"unknown_tool\"} 1\n")
          .contains(
              "tau_agent_tool_calls_total{tool=\"(client_function)\",outcome=\"ok\",error_code=\"\"} 1\n")
          .contains("# TYPE tau_agent_tool_duration_seconds histogram\n")
          .contains("tau_agent_tool_duration_seconds_count{tool=\"clock\"} 1\n")
          .contains("# TYPE tau_agent_tokens_total counter\n")
          .contains(
              "tau_agent_tokens_total{provider=\"scripted\",model=\"test-model\",type=\"input\"} 30\n")
          .contains(
              "tau_agent_tokens_total{provider=\"scripted\",model=\"test-model\",type=\"output\"} 15\n")
          .contains("# TYPE tau_gateway_errors_total counter\n")
          // once for the plain 502, once for the failure inside the stream; never twice for one
          .contains(
              "tau_gateway_errors_total{code=\"gateway_runtime_error\",type=\"server_error\"} 2\n")
          .contains(
              "tau_gateway_errors_total{code=\"malformed_json\",type=\"invalid_request_error\"} 1\n")
          .contains(
              "tau_gateway_errors_total{code=\"unauthorized\",type=\"invalid_request_error\"} 0\n")
          // names the model or the caller made up never become label values
          .doesNotContain("made_up_tool")
          .doesNotContain("caller_named_fn");
      for (String line : text.split("\n")) {
        assertThat(line)
            .matches(
                "# (HELP|TYPE) [a-z_]+ .+|[a-z_]+(\\{[a-z_]+=\"[^\"]*\"(,[a-z_]+=\"[^\"]*\")*})? [0-9.]+");
      }
    }
  }
}
