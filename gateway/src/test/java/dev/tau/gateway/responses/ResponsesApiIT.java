package dev.tau.gateway.responses;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tau.core.json.Json;
import dev.tau.core.model.Message;
import dev.tau.core.model.StopReason;
import dev.tau.core.model.ToolCall;
import dev.tau.core.model.ToolDefinition;
import dev.tau.core.provider.ModelRequest;
import dev.tau.core.provider.ProviderException;
import dev.tau.core.session.SessionId;
import dev.tau.core.tool.Tool;
import dev.tau.core.tool.ToolContext;
import dev.tau.core.tool.ToolResult;
import dev.tau.gateway.responses.ResponsesHarness.Frame;
import dev.tau.testkit.agent.ScriptedModelProvider;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

// The timeout only guards against a hang; nothing here asserts on speed.
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class ResponsesApiIT {
  @TempDir Path dir;

  final ScriptedModelProvider model = new ScriptedModelProvider();

  static ObjectNode request(String input) {
    ObjectNode body = Json.object();
    body.put("model", ResponsesHarness.MODEL);
    body.put("input", input);
    return body;
  }

  static ObjectNode inSession(ObjectNode body, String session) {
    body.putObject("metadata").put("session_id", session);
    return body;
  }

  /** The text of the last user message the model received in call {@code n}. */
  String lastUserText(int n) {
    List<Message> messages = model.requests().get(n).messages();
    return messages.getLast().text();
  }

  static List<String> types(List<Frame> frames) {
    return frames.stream().map(f -> f.event() == null ? f.data() : f.event()).toList();
  }

  @Test
  void plainRequestReturnsTheFullResponseObject() throws Exception {
    model.replyText("Hello there.");
    try (var gw = ResponsesHarness.start(model, dir)) {
      ObjectNode body = inSession(request("Say hello"), "plain");
      body.put("temperature", 0.2);
      body.put("max_output_tokens", 50);
      body.put("parallel_tool_calls", false);

      HttpResponse<String> response = gw.post("/v1/responses", body);

      assertThat(response.statusCode()).isEqualTo(200);
      assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
      JsonNode json = Json.parse(response.body());
      assertThat(json.path("id").asString()).matches("resp_[0-9a-f]{24}");
      assertThat(json.path("object").asString()).isEqualTo("response");
      assertThat(json.path("status").asString()).isEqualTo("completed");
      assertThat(json.path("created_at").asLong()).isPositive();
      assertThat(json.path("completed_at").asLong())
          .isGreaterThanOrEqualTo(json.path("created_at").asLong());
      assertThat(json.path("model").asString()).isEqualTo(ResponsesHarness.MODEL);
      JsonNode item = json.path("output").get(0);
      assertThat(item.path("type").asString()).isEqualTo("message");
      assertThat(item.path("role").asString()).isEqualTo("assistant");
      assertThat(item.path("status").asString()).isEqualTo("completed");
      assertThat(item.path("id").asString()).startsWith("msg_");
      assertThat(item.path("content").get(0).path("type").asString()).isEqualTo("output_text");
      assertThat(item.path("content").get(0).path("text").asString()).isEqualTo("Hello there.");
      assertThat(json.path("output_text").asString()).isEqualTo("Hello there.");
      assertThat(json.path("usage").path("input_tokens").asLong()).isEqualTo(10);
      assertThat(json.path("usage").path("output_tokens").asLong()).isEqualTo(5);
      assertThat(json.path("usage").path("total_tokens").asLong()).isEqualTo(15);
      assertThat(json.path("metadata").path("session_id").asString()).isEqualTo("plain");
      assertThat(json.path("temperature").asDouble()).isEqualTo(0.2);
      assertThat(json.path("max_output_tokens").asInt()).isEqualTo(50);
      assertThat(json.path("error").isNull()).isTrue();
      assertThat(json.path("ignored_fields").toString()).isEqualTo("[\"parallel_tool_calls\"]");
      ModelRequest sent = model.requests().getFirst();
      assertThat(sent.temperature()).hasValue(0.2);
      assertThat(sent.maxOutputTokens()).hasValue(50);
      assertThat(lastUserText(0)).isEqualTo("Say hello");
    }
  }

  @Test
  void streamingEmitsTheCanonicalEventOrderWithSequenceNumbersThenDone() throws Exception {
    model.chunkSize(4).replyText("Hello there.");
    try (var gw = ResponsesHarness.start(model, dir)) {
      ObjectNode body = request("Say hello");
      body.put("stream", true);

      List<Frame> frames = gw.stream("/v1/responses", body);

      assertThat(types(frames))
          .containsExactly(
              "response.created",
              "response.in_progress",
              "response.output_item.added",
              "response.content_part.added",
              "response.output_text.delta",
              "response.output_text.delta",
              "response.output_text.delta",
              "response.output_text.done",
              "response.content_part.done",
              "response.output_item.done",
              "response.completed",
              "[DONE]");
      List<Frame> events = frames.subList(0, frames.size() - 1);
      for (int i = 0; i < events.size(); i++) {
        JsonNode data = events.get(i).json();
        assertThat(data.path("sequence_number").asInt()).isEqualTo(i);
        assertThat(data.path("type").asString()).isEqualTo(events.get(i).event());
      }
      assertThat(frames.getLast().event()).isNull();
      assertThat(frames.getLast().data()).isEqualTo("[DONE]");
      JsonNode created = frames.get(0).json().path("response");
      assertThat(created.path("status").asString()).isEqualTo("in_progress");
      String id = created.path("id").asString();
      String deltas =
          frames.stream()
              .filter(f -> "response.output_text.delta".equals(f.event()))
              .map(f -> f.json().path("delta").asString())
              .reduce("", String::concat);
      assertThat(deltas).isEqualTo("Hello there.");
      JsonNode completed = frames.get(10).json().path("response");
      assertThat(completed.path("id").asString()).isEqualTo(id);
      assertThat(completed.path("status").asString()).isEqualTo("completed");
      assertThat(completed.path("output_text").asString()).isEqualTo("Hello there.");
      String itemId = frames.get(2).json().path("item").path("id").asString();
      assertThat(frames.get(4).json().path("item_id").asString()).isEqualTo(itemId);
      assertThat(frames.get(7).json().path("text").asString()).isEqualTo("Hello there.");
      assertThat(gw.runtime().streamRequests()).isEqualTo(1);
      assertThat(gw.runtime().activeStreams()).isZero();
    }
  }

  @Test
  void itemArrayInputReachesTheModelAsLabelledSegments() throws Exception {
    model.replyText("ok");
    try (var gw = ResponsesHarness.start(model, dir)) {
      ObjectNode body = Json.object();
      var input = body.putArray("input");
      ObjectNode user = input.addObject();
      user.put("type", "message");
      user.put("role", "user");
      ObjectNode part = user.putArray("content").addObject();
      part.put("type", "input_text");
      part.put("text", "What is 2+2?");
      ObjectNode assistant = input.addObject();
      assistant.put("role", "assistant");
      assistant.putArray("content").addObject().put("type", "output_text").put("text", "4");
      input.addObject().put("role", "user").put("content", "And 3+3?");
      input.addObject().put("type", "reasoning");

      HttpResponse<String> response = gw.post("/v1/responses", body);

      assertThat(response.statusCode()).isEqualTo(200);
      assertThat(lastUserText(0))
          .isEqualTo("User:\nWhat is 2+2?\n\nAssistant context:\n4\n\nUser:\nAnd 3+3?");
      assertThat(Json.parse(response.body()).path("ignored_fields").toString())
          .isEqualTo("[\"input[3]\"]");
    }
  }

  @Test
  void theSameSessionIdCarriesHistoryToTheModelAndOtherSessionsDoNotSeeIt() throws Exception {
    model.replyText("Noted: blue.").replyText("Your colour is blue.").replyText("No idea.");
    try (var gw = ResponsesHarness.start(model, dir)) {
      assertThat(
              gw.post("/v1/responses", inSession(request("My colour is blue"), "alice"))
                  .statusCode())
          .isEqualTo(200);
      assertThat(
              gw.post("/v1/responses", inSession(request("What is my colour?"), "alice"))
                  .statusCode())
          .isEqualTo(200);
      assertThat(
              gw.post("/v1/responses", inSession(request("What is my colour?"), "bob"))
                  .statusCode())
          .isEqualTo(200);

      List<Message> second = model.requests().get(1).messages();
      assertThat(second)
          .extracting(Message::text)
          .containsExactly("My colour is blue", "Noted: blue.", "What is my colour?");
      assertThat(model.requests().get(2).messages())
          .extracting(Message::text)
          .containsExactly("What is my colour?");
      assertThat(gw.sessions.events(SessionId.of("alice"))).isNotEmpty();
    }
  }

  @Test
  void previousResponseIdContinuesTheSessionOfThatResponse() throws Exception {
    model.replyText("Remembered 42.").replyText("It was 42.");
    try (var gw = ResponsesHarness.start(model, dir)) {
      String first =
          Json.parse(gw.post("/v1/responses", inSession(request("Remember 42"), "numbers")).body())
              .path("id")
              .asString();
      ObjectNode next = request("What number?");
      next.put("previous_response_id", first);

      JsonNode json = Json.parse(gw.post("/v1/responses", next).body());

      assertThat(json.path("previous_response_id").asString()).isEqualTo(first);
      assertThat(json.path("session_key").asString()).isEqualTo("numbers");
      assertThat(model.requests().get(1).messages())
          .extracting(Message::text)
          .containsExactly("Remember 42", "Remembered 42.", "What number?");

      ObjectNode unknown = request("Hi");
      unknown.put("previous_response_id", "resp_doesnotexist");
      HttpResponse<String> missing = gw.post("/v1/responses", unknown);
      assertThat(missing.statusCode()).isEqualTo(404);
      JsonNode error = Json.parse(missing.body()).path("error");
      assertThat(error.path("code").asString()).isEqualTo("response_not_found");
      assertThat(error.path("param").asString()).isEqualTo("previous_response_id");
    }
  }

  @Test
  void instructionsApplyToTheirTurnOnlyAndAreNotStoredInTheSession() throws Exception {
    model.replyText("AHOY").replyText("hello");
    try (var gw = ResponsesHarness.start(model, dir)) {
      ObjectNode body = inSession(request("greet me"), "pirate");
      body.put("instructions", "Answer like a pirate.");
      gw.post("/v1/responses", body);
      gw.post("/v1/responses", inSession(request("again"), "pirate"));

      assertThat(model.requests().get(0).instructions())
          .isEqualTo("Be brief.\n\nAnswer like a pirate.");
      assertThat(model.requests().get(1).instructions()).isEqualTo("Be brief.");
      assertThat(model.requests().get(1).messages())
          .extracting(Message::text)
          .containsExactly("greet me", "AHOY", "again");
    }
  }

  @Test
  void aBodyOverEightBytesPerAllowedCharacterIs413() throws Exception {
    try (var gw = ResponsesHarness.start(model, dir, 100, Duration.ofSeconds(5))) {
      String head = "{\"input\":\"";
      String oneByteTooMany = head + "x".repeat(801 - head.length() - 2) + "\"}";
      assertThat(oneByteTooMany.getBytes(java.nio.charset.StandardCharsets.UTF_8)).hasSize(801);

      HttpResponse<String> response = gw.post("/v1/responses", oneByteTooMany);

      assertThat(response.statusCode()).isEqualTo(413);
      JsonNode error = Json.parse(response.body()).path("error");
      assertThat(error.path("code").asString()).isEqualTo("input_too_large");
      assertThat(error.path("message").asString())
          .isEqualTo("request body exceeds max size of 800 bytes");
      // far larger bodies are refused by the server before routing, with the same status
      assertThat(gw.post("/v1/responses", request("x".repeat(5000))).statusCode()).isEqualTo(413);
      assertThat(model.requests()).isEmpty();
    }
  }

  @Test
  void aTranslatedInputOverMaxInputCharsIs413() throws Exception {
    try (var gw = ResponsesHarness.start(model, dir, 100, Duration.ofSeconds(5))) {
      HttpResponse<String> response = gw.post("/v1/responses", request("é".repeat(101)));

      assertThat(response.statusCode()).isEqualTo(413);
      JsonNode error = Json.parse(response.body()).path("error");
      assertThat(error.path("code").asString()).isEqualTo("input_too_large");
      assertThat(error.path("message").asString())
          .isEqualTo("translated input exceeds max 100 characters");
      assertThat(error.path("type").asString()).isEqualTo("invalid_request_error");
      assertThat(gw.runtime().translationFailures()).isEqualTo(1);
      assertThat(model.requests()).isEmpty();
    }
  }

  @Test
  void malformedJsonIs400WithTheErrorEnvelope() throws Exception {
    try (var gw = ResponsesHarness.start(model, dir)) {
      HttpResponse<String> response = gw.post("/v1/responses", "{\"input\": ");

      assertThat(response.statusCode()).isEqualTo(400);
      JsonNode error = Json.parse(response.body()).path("error");
      assertThat(error.path("code").asString()).isEqualTo("malformed_json");
      assertThat(error.path("type").asString()).isEqualTo("invalid_request_error");
      assertThat(error.has("param")).isTrue();
      assertThat(error.path("message").asString()).startsWith("failed to parse request body");
    }
  }

  @Test
  void aProviderFailureIs502WithoutInternals() throws Exception {
    model.fail(new ProviderException.ServerError("scripted", 503, "upstream overloaded", null));
    try (var gw = ResponsesHarness.start(model, dir)) {
      HttpResponse<String> response = gw.post("/v1/responses", request("hi"));

      assertThat(response.statusCode()).isEqualTo(502);
      JsonNode error = Json.parse(response.body()).path("error");
      assertThat(error.path("code").asString()).isEqualTo("gateway_runtime_error");
      assertThat(error.path("type").asString()).isEqualTo("server_error");
      assertThat(error.path("message").asString())
          .isEqualTo("gateway runtime failed: upstream overloaded (provider_server_error)");
      assertThat(response.body()).doesNotContain("Exception", "\tat ");
      assertThat(gw.runtime().executionFailures()).isEqualTo(1);
      assertThat(gw.runtime().reasonCodeCounts()).containsEntry("gateway_runtime_error", 1L);
    }
  }

  @Test
  void aProviderFailureMidStreamEndsWithResponseFailedThenDone() throws Exception {
    model.fail(new ProviderException.ServerError("scripted", 500, "upstream exploded", null));
    try (var gw = ResponsesHarness.start(model, dir)) {
      ObjectNode body = request("hi");
      body.put("stream", true);

      List<Frame> frames = gw.stream("/v1/responses", body);

      assertThat(types(frames))
          .containsExactly("response.created", "response.in_progress", "response.failed", "[DONE]");
      JsonNode failed = frames.get(2).json();
      assertThat(failed.path("sequence_number").asInt()).isEqualTo(2);
      assertThat(failed.path("response").path("status").asString()).isEqualTo("failed");
      assertThat(failed.path("response").path("error").path("code").asString())
          .isEqualTo("gateway_runtime_error");
      assertThat(failed.path("error").path("message").asString()).contains("upstream exploded");
    }
  }

  @Test
  void aStoredResponseCanBeFetchedAndUnstoredOrUnknownOnesAre404() throws Exception {
    model.replyText("kept").replyText("not kept");
    try (var gw = ResponsesHarness.start(model, dir)) {
      JsonNode kept = Json.parse(gw.post("/v1/responses", request("one")).body());
      ObjectNode ephemeral = request("two");
      ephemeral.put("store", false);
      JsonNode notKept = Json.parse(gw.post("/v1/responses", ephemeral).body());

      HttpResponse<String> fetched = gw.get("/v1/responses/" + kept.path("id").asString());

      assertThat(fetched.statusCode()).isEqualTo(200);
      assertThat(Json.parse(fetched.body())).isEqualTo(kept);
      Path file =
          dir.resolve("gateway/openresponses/responses/" + kept.path("id").asString() + ".json");
      assertThat(file).exists();
      assertThat(Json.parse(Files.readString(file)).path("session_key").asString())
          .isEqualTo("default");
      assertThat(notKept.path("store").asBoolean()).isFalse();
      assertThat(gw.get("/v1/responses/" + notKept.path("id").asString()).statusCode())
          .isEqualTo(404);
      HttpResponse<String> unknown = gw.get("/v1/responses/resp_nope");
      assertThat(unknown.statusCode()).isEqualTo(404);
      assertThat(Json.parse(unknown.body()).path("error").path("code").asString())
          .isEqualTo("response_not_found");
      assertThat(gw.get("/v1/responses/..%2F..%2Fstate").statusCode()).isEqualTo(404);
    }
  }

  @Test
  void aClientFunctionCallIsReturnedToTheClientAndItsOutputContinuesTheTurn() throws Exception {
    model
        .replyToolCalls(new ToolCall("call_1", "get_weather", "{\"city\":\"Oslo\"}"))
        .replyText("It is 12C in Oslo.");
    try (var gw = ResponsesHarness.start(model, dir)) {
      ObjectNode body = inSession(request("Weather in Oslo?"), "weather");
      ObjectNode tool = body.putArray("tools").addObject();
      tool.put("type", "function");
      tool.put("name", "get_weather");
      tool.put("description", "Current weather");
      tool.putObject("parameters").put("type", "object");

      JsonNode first = Json.parse(gw.post("/v1/responses", body).body());

      assertThat(first.path("status").asString()).isEqualTo("completed");
      JsonNode call = first.path("output").get(0);
      assertThat(call.path("type").asString()).isEqualTo("function_call");
      assertThat(call.path("call_id").asString()).isEqualTo("call_1");
      assertThat(call.path("name").asString()).isEqualTo("get_weather");
      assertThat(call.path("arguments").asString()).isEqualTo("{\"city\":\"Oslo\"}");
      assertThat(first.path("tools").get(0).path("name").asString()).isEqualTo("get_weather");
      assertThat(model.requests()).hasSize(1);
      assertThat(model.requests().getFirst().tools())
          .extracting(ToolDefinition::name)
          .containsExactly("get_weather");

      ObjectNode next = Json.object();
      next.put("previous_response_id", first.path("id").asString());
      ObjectNode output = next.putArray("input").addObject();
      output.put("type", "function_call_output");
      output.put("call_id", "call_1");
      output.put("output", "12C, clear");
      JsonNode second = Json.parse(gw.post("/v1/responses", next).body());

      assertThat(second.path("output_text").asString()).isEqualTo("It is 12C in Oslo.");
      List<Message> seen = model.requests().get(1).messages();
      assertThat(seen.getLast().text()).isEqualTo("Function output (call_id=call_1):\n12C, clear");
      assertThat(seen).anySatisfy(m -> assertThat(m).isInstanceOf(Message.Tool.class));
    }
  }

  @Test
  void aStreamedClientFunctionCallHasItsOwnItemWithArgumentEvents() throws Exception {
    model.replyToolCalls(new ToolCall("call_7", "lookup", "{\"q\":\"tau\"}"));
    try (var gw = ResponsesHarness.start(model, dir)) {
      ObjectNode body = request("look it up");
      body.put("stream", true);
      body.putArray("tools").addObject().put("type", "function").put("name", "lookup");

      List<Frame> frames = gw.stream("/v1/responses", body);

      assertThat(types(frames))
          .containsExactly(
              "response.created",
              "response.in_progress",
              "response.output_item.added",
              "response.function_call_arguments.delta",
              "response.function_call_arguments.done",
              "response.output_item.done",
              "response.completed",
              "[DONE]");
      assertThat(frames.get(2).json().path("item").path("type").asString())
          .isEqualTo("function_call");
      assertThat(frames.get(2).json().path("item").path("status").asString())
          .isEqualTo("in_progress");
      assertThat(frames.get(3).json().path("delta").asString()).isEqualTo("{\"q\":\"tau\"}");
      assertThat(frames.get(4).json().path("arguments").asString()).isEqualTo("{\"q\":\"tau\"}");
      assertThat(frames.get(5).json().path("item").path("call_id").asString()).isEqualTo("call_7");
    }
  }

  @Test
  void gatewayToolCallsStreamAsTauToolCallItemsBetweenMessages() throws Exception {
    Tool clock =
        new Tool() {
          @Override
          public ToolDefinition definition() {
            return new ToolDefinition("clock", "the time", Json.object().put("type", "object"));
          }

          @Override
          public ToolResult execute(JsonNode arguments, ToolContext context) {
            return ToolResult.ok("12:00");
          }
        };
    model
        .reply(
            ScriptedModelProvider.Reply.toolCalls(new ToolCall("c1", "clock", "{}"))
                .withText("Checking."))
        .replyText("It is noon.");
    try (var gw = ResponsesHarness.start(model, dir, 32_000, Duration.ofSeconds(5), clock)) {
      ObjectNode body = request("time?");
      body.put("stream", true);

      List<Frame> frames = gw.stream("/v1/responses", body);

      List<JsonNode> items =
          frames.stream()
              .filter(f -> "response.output_item.done".equals(f.event()))
              .map(f -> f.json().path("item"))
              .toList();
      assertThat(items)
          .extracting(i -> i.path("type").asString())
          .containsExactly("message", "tau:tool_call", "message");
      assertThat(items.get(1).path("name").asString()).isEqualTo("clock");
      assertThat(items.get(1).path("status").asString()).isEqualTo("completed");
      assertThat(items.get(1).path("output").asString()).isEqualTo("12:00");
      JsonNode completed = frames.get(frames.size() - 2).json().path("response");
      assertThat(completed.path("output_text").asString()).isEqualTo("Checking.\n\nIt is noon.");
      assertThat(completed.path("usage").path("total_tokens").asLong()).isEqualTo(30);
    }
  }

  @Test
  void anAnswerCutByTheOutputCapIsIncompleteAndStreamsResponseIncomplete() throws Exception {
    ScriptedModelProvider.Reply cut =
        new ScriptedModelProvider.Reply(
            "Once upon", List.of(), ScriptedModelProvider.DEFAULT_USAGE, StopReason.MAX_TOKENS);
    model.reply(cut).reply(cut);
    try (var gw = ResponsesHarness.start(model, dir)) {
      JsonNode plain = Json.parse(gw.post("/v1/responses", request("story")).body());
      ObjectNode body = request("story");
      body.put("stream", true);
      List<Frame> frames = gw.stream("/v1/responses", body);

      assertThat(plain.path("status").asString()).isEqualTo("incomplete");
      assertThat(plain.path("incomplete_details").path("reason").asString())
          .isEqualTo("max_output_tokens");
      assertThat(plain.path("output_text").asString()).isEqualTo("Once upon");
      Frame last = frames.get(frames.size() - 2);
      assertThat(last.event()).isEqualTo("response.incomplete");
      assertThat(last.json().path("response").path("status").asString()).isEqualTo("incomplete");
      assertThat(frames.getLast().data()).isEqualTo("[DONE]");
    }
  }

  @Test
  void aClientFunctionNamedLikeAGatewayToolIsRefused() throws Exception {
    Tool read =
        new Tool() {
          @Override
          public ToolDefinition definition() {
            return new ToolDefinition("read", "reads", Json.object().put("type", "object"));
          }

          @Override
          public ToolResult execute(JsonNode arguments, ToolContext context) {
            return ToolResult.ok("");
          }
        };
    try (var gw = ResponsesHarness.start(model, dir, 32_000, Duration.ofSeconds(5), read)) {
      ObjectNode body = request("x");
      body.putArray("tools").addObject().put("type", "function").put("name", "read");

      HttpResponse<String> response = gw.post("/v1/responses", body);

      assertThat(response.statusCode()).isEqualTo(400);
      JsonNode error = Json.parse(response.body()).path("error");
      assertThat(error.path("param").asString()).isEqualTo("tools[0].name");
      assertThat(error.path("message").asString())
          .isEqualTo("function 'read' has the name of a gateway tool; rename it");
      assertThat(model.requests()).isEmpty();
    }
  }

  @Test
  void toolChoiceNoneOffersNoToolsAndUnsupportedChoicesAreReportedIgnored() throws Exception {
    model.replyText("a").replyText("b");
    try (var gw = ResponsesHarness.start(model, dir)) {
      ObjectNode none = request("x");
      none.putArray("tools").addObject().put("type", "function").put("name", "f");
      none.put("tool_choice", "none");
      gw.post("/v1/responses", none);
      ObjectNode required = request("y");
      required.putArray("tools").addObject().put("type", "function").put("name", "f");
      required.put("tool_choice", "required");
      JsonNode json = Json.parse(gw.post("/v1/responses", required).body());

      assertThat(model.requests().get(0).tools()).isEmpty();
      assertThat(model.requests().get(1).tools())
          .extracting(ToolDefinition::name)
          .containsExactly("f");
      assertThat(json.path("ignored_fields").toString()).isEqualTo("[\"tool_choice\"]");
      assertThat(json.path("tool_choice").asString()).isEqualTo("required");
    }
  }

  @Test
  void theRuntimeCountsRequestsOutcomesAndIgnoredFields() throws Exception {
    model.replyText("one");
    try (var gw = ResponsesHarness.start(model, dir)) {
      ObjectNode body = request("hi");
      body.put("top_p", 0.5);
      gw.post("/v1/responses", body);
      gw.post("/v1/responses", "[1]");

      JsonNode json = gw.runtime().toJson();

      assertThat(json.path("total_requests").asLong()).isEqualTo(2);
      assertThat(json.path("responses_requests").asLong()).isEqualTo(2);
      assertThat(json.path("translation_failures").asLong()).isEqualTo(1);
      assertThat(json.path("reason_code_counts").path("response_completed").asLong()).isEqualTo(1);
      assertThat(json.path("reason_code_counts").path("invalid_request").asLong()).isEqualTo(1);
      assertThat(json.path("ignored_field_counts").path("top_p").asLong()).isEqualTo(1);
      assertThat(json.path("last_reason_codes").toString())
          .isEqualTo("[\"response_completed\",\"invalid_request\"]");
      assertThat(ResponsesRuntime.of(gw.server.context())).isSameAs(gw.runtime());
    }
  }
}
