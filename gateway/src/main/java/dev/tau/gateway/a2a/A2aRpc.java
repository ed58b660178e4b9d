package dev.tau.gateway.a2a;

import dev.tau.core.json.Json;
import dev.tau.core.provider.Cancellation;
import dev.tau.core.session.SessionId;
import dev.tau.gateway.GatewayContext;
import dev.tau.gateway.http.ApiError;
import dev.tau.gateway.http.Exchange;
import dev.tau.gateway.responses.AgentTurns;
import dev.tau.gateway.responses.SessionKeys;
import dev.tau.gateway.responses.SseWriter;
import java.time.Clock;
import java.util.Map;
import java.util.Objects;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The A2A JSON-RPC 2.0 endpoint, {@code POST /a2a}: {@code message/send}, {@code message/stream}
 * and {@code tasks/get} (v0.3), or {@code SendMessage}, {@code SendStreamingMessage} and {@code
 * GetTask} with {@code A2A-Version: 1.0}. Each message is one agent turn, through the same turn
 * engine as {@code /v1/responses}, on the session named by its {@code contextId}; each turn is a
 * task kept in a bounded in-memory store. Protocol errors are JSON-RPC error objects (HTTP 200).
 */
public final class A2aRpc {
  private enum Method {
    SEND,
    STREAM,
    GET_TASK
  }

  private static final Map<String, Method> V0_3 =
      Map.of(
          "message/send",
          Method.SEND,
          "message/stream",
          Method.STREAM,
          "tasks/get",
          Method.GET_TASK);
  private static final Map<String, Method> V1_0 =
      Map.of(
          "SendMessage", Method.SEND,
          "SendStreamingMessage", Method.STREAM,
          "GetTask", Method.GET_TASK);

  private final GatewayContext context;
  private final AgentTurns turns;
  private final TaskStore tasks;
  private final Clock clock;

  public A2aRpc(GatewayContext context) {
    this(context, TaskStore.DEFAULT_CAPACITY);
  }

  A2aRpc(GatewayContext context, int taskCapacity) {
    this.context = Objects.requireNonNull(context, "context");
    this.turns = new AgentTurns(context);
    this.tasks = new TaskStore(taskCapacity);
    this.clock = context.services().clock();
  }

  /** {@code POST /a2a}. */
  public void handle(Exchange exchange) {
    String text = exchange.bodyText(context.config().maxBodyBytes());
    JsonNode id = null;
    try {
      JsonNode body;
      try {
        body = Json.parse(text);
      } catch (IllegalArgumentException e) {
        throw new RpcException(RpcError.PARSE_ERROR, "parse error: the body is not valid JSON");
      }
      if (body == null || !body.isObject()) {
        throw new RpcException(
            RpcError.INVALID_REQUEST,
            body != null && body.isArray()
                ? "batch requests are not supported; send one JSON-RPC request per call"
                : "the body must be a JSON-RPC 2.0 request object");
      }
      id = requestId(body);
      A2aVersion version =
          A2aVersion.fromHeader(exchange.header(A2aVersion.HEADER))
              .orElseThrow(
                  () ->
                      new RpcException(
                          RpcError.VERSION_NOT_SUPPORTED,
                          "A2A-Version '"
                              + clip(exchange.header(A2aVersion.HEADER))
                              + "' is not supported; use 0.3 or 1.0"));
      Method method = method(body, version);
      JsonNode params = body.get("params");
      if (params == null || !params.isObject()) {
        throw new RpcException(RpcError.INVALID_PARAMS, "params must be an object");
      }
      A2aWire wire = new A2aWire(version);
      switch (method) {
        case SEND -> exchange.json(200, result(id, send(params, wire)));
        case STREAM -> stream(exchange, id, params, wire);
        case GET_TASK -> exchange.json(200, result(id, getTask(params, wire)));
      }
    } catch (RpcException e) {
      exchange.json(200, error(id, e.error(), e.getMessage()));
    }
  }

  private static JsonNode requestId(JsonNode body) {
    JsonNode id = body.get("id");
    if (!"2.0".equals(Json.text(body, "jsonrpc", ""))) {
      throw new RpcException(RpcError.INVALID_REQUEST, "jsonrpc must be \"2.0\"");
    }
    if (id == null || !(id.isString() || id.isNumber())) {
      // A2A defines no notifications: every call wants its result
      throw new RpcException(RpcError.INVALID_REQUEST, "id must be a string or a number");
    }
    return id;
  }

  private static Method method(JsonNode body, A2aVersion version) {
    JsonNode name = body.get("method");
    if (name == null || !name.isString()) {
      throw new RpcException(RpcError.INVALID_REQUEST, "method must be a string");
    }
    String m = name.asString();
    Map<String, Method> own = version == A2aVersion.V1_0 ? V1_0 : V0_3;
    Method method = own.get(m);
    if (method != null) {
      return method;
    }
    Map<String, Method> other = version == A2aVersion.V1_0 ? V0_3 : V1_0;
    if (other.containsKey(m)) {
      throw new RpcException(
          RpcError.METHOD_NOT_FOUND,
          "method '"
              + m
              + "' belongs to A2A "
              + (version == A2aVersion.V1_0 ? "0.3" : "1.0")
              + "; send header A2A-Version: "
              + (version == A2aVersion.V1_0 ? "0.3" : "1.0")
              + " to use it");
    }
    throw new RpcException(
        RpcError.METHOD_NOT_FOUND,
        "method '"
            + clip(m)
            + "' not found; this endpoint serves "
            + own.keySet().stream().sorted().toList());
  }

  /** A validated incoming message: the task it becomes, not yet run. */
  private A2aTask accept(JsonNode params) {
    JsonNode message = params.get("message");
    if (message == null || !message.isObject()) {
      throw new RpcException(RpcError.INVALID_PARAMS, "params.message must be an object");
    }
    String messageId = Json.text(message, "messageId", "");
    if (messageId.isBlank()) {
      throw new RpcException(RpcError.INVALID_PARAMS, "params.message.messageId is required");
    }
    String role = Json.text(message, "role", "user");
    if (!role.equals("user") && !role.equals("ROLE_USER")) {
      throw new RpcException(
          RpcError.INVALID_PARAMS, "params.message.role must be user (ROLE_USER in 1.0)");
    }
    JsonNode parts = message.get("parts");
    if (parts == null || !parts.isArray() || parts.isEmpty()) {
      throw new RpcException(
          RpcError.INVALID_PARAMS, "params.message.parts must be a non-empty array");
    }
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < parts.size(); i++) {
      JsonNode part = parts.get(i);
      JsonNode t = part.get("text");
      if (t == null || !t.isString()) {
        throw new RpcException(
            RpcError.INVALID_PARAMS,
            "params.message.parts["
                + i
                + "] is not a text part; this agent accepts text/plain only");
      }
      if (!text.isEmpty()) {
        text.append("\n\n");
      }
      text.append(t.asString());
    }
    if (text.toString().isBlank()) {
      throw new RpcException(RpcError.INVALID_PARAMS, "params.message has no text");
    }
    if (text.length() > context.config().maxInputChars()) {
      throw new RpcException(
          RpcError.INVALID_PARAMS,
          "params.message text exceeds "
              + context.config().maxInputChars()
              + " characters ("
              + text.length()
              + ")");
    }
    String contextId = Json.text(message, "contextId", "");
    String taskId = Json.text(message, "taskId", "");
    if (!taskId.isBlank()) {
      // a follow-up names its earlier task: it continues that task's context
      A2aTask earlier =
          tasks
              .get(taskId)
              .orElseThrow(
                  () ->
                      new RpcException(
                          RpcError.TASK_NOT_FOUND, "task '" + clip(taskId) + "' not found"));
      if (!contextId.isBlank() && !contextId.equals(earlier.contextId())) {
        throw new RpcException(
            RpcError.INVALID_PARAMS,
            "params.message.contextId does not match the context of task '" + clip(taskId) + "'");
      }
      contextId = earlier.contextId();
    }
    if (contextId.isBlank()) {
      contextId = context.services().ids().next("ctx_");
    }
    A2aTask task =
        new A2aTask(
            context.services().ids().next("task_"),
            contextId,
            TaskState.SUBMITTED,
            text.toString(),
            messageId,
            "",
            "",
            clock.instant());
    tasks.put(task);
    return task;
  }

  private JsonNode send(JsonNode params, A2aWire wire) {
    A2aTask task = accept(params);
    tasks.put(task.with(TaskState.WORKING, "", "", clock.instant()));
    return wire.sendResult(runTurn(task, new Cancellation(), delta -> {}, null));
  }

  private void stream(Exchange exchange, JsonNode id, JsonNode params, A2aWire wire) {
    A2aTask submitted = accept(params);
    SseWriter sse = SseWriter.open(exchange.response());
    Cancellation cancel = new Cancellation();
    sse.onBroken(cancel::cancel);
    try {
      sse.data(Json.write(result(id, wire.sendResult(submitted))));
      A2aTask working = submitted.with(TaskState.WORKING, "", "", clock.instant());
      tasks.put(working);
      sse.data(Json.write(result(id, wire.statusUpdate(working))));
      boolean[] first = {true};
      A2aTask done =
          runTurn(
              submitted,
              cancel,
              delta -> {
                sse.data(
                    Json.write(result(id, wire.artifactUpdate(working, delta, !first[0], false))));
                first[0] = false;
              },
              () -> sse.comment("keep-alive"));
      if (!first[0]) {
        // the closing chunk carries no new text; it tells the client the artifact is whole
        sse.data(Json.write(result(id, wire.artifactUpdate(done, "", true, true))));
      } else if (!done.answer().isEmpty()) {
        sse.data(Json.write(result(id, wire.artifactUpdate(done, done.answer(), false, true))));
      }
      sse.data(Json.write(result(id, wire.statusUpdate(done))));
    } finally {
      sse.close();
    }
  }

  /** Runs the task's turn and records how it ended. */
  private A2aTask runTurn(
      A2aTask task,
      Cancellation cancel,
      java.util.function.Consumer<String> deltas,
      Runnable keepAlive) {
    SessionId session = SessionKeys.sanitize(task.contextId());
    A2aTask done;
    try {
      AgentTurns.Outcome outcome = turns.run(session, task.userText(), cancel, deltas, keepAlive);
      TaskState state =
          switch (outcome.status()) {
            case COMPLETED, INCOMPLETE -> TaskState.COMPLETED;
            case FAILED -> TaskState.FAILED;
            case CANCELLED -> TaskState.CANCELED;
          };
      done = task.with(state, outcome.text(), outcome.detail(), clock.instant());
    } catch (ApiError e) {
      // the input guardrail blocked the text, or another turn held the session too long
      done = task.with(TaskState.FAILED, "", e.getMessage(), clock.instant());
    }
    tasks.put(done);
    return done;
  }

  private JsonNode getTask(JsonNode params, A2aWire wire) {
    String taskId = Json.text(params, "id", "");
    if (taskId.isBlank()) {
      throw new RpcException(RpcError.INVALID_PARAMS, "params.id (the task id) is required");
    }
    JsonNode length = params.get("historyLength");
    if (length != null && !length.isNull() && (!length.isIntegralNumber() || length.asInt() < 0)) {
      throw new RpcException(
          RpcError.INVALID_PARAMS, "params.historyLength must be a non-negative integer");
    }
    int history = length == null || length.isNull() ? -1 : length.asInt();
    A2aTask task =
        tasks
            .get(taskId)
            .orElseThrow(
                () ->
                    new RpcException(
                        RpcError.TASK_NOT_FOUND, "task '" + clip(taskId) + "' not found"));
    return wire.task(task, history);
  }

  private static ObjectNode result(JsonNode id, JsonNode result) {
    ObjectNode response = Json.object();
    response.put("jsonrpc", "2.0");
    response.set("id", id);
    response.set("result", result);
    return response;
  }

  static ObjectNode error(JsonNode id, RpcError error, String message) {
    ObjectNode response = Json.object();
    response.put("jsonrpc", "2.0");
    if (id == null) {
      response.putNull("id");
    } else {
      response.set("id", id);
    }
    ObjectNode e = response.putObject("error");
    e.put("code", error.code());
    e.put("message", message);
    return response;
  }

  /** Caller text echoed in errors is clipped so an error cannot be used to reflect a large body. */
  private static String clip(String text) {
    if (text == null) {
      return "";
    }
    return text.length() > 64 ? text.substring(0, 64) + "…" : text;
  }
}
