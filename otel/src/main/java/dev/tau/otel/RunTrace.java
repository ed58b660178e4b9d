package dev.tau.otel;

import dev.tau.agent.AgentEvent;
import dev.tau.agent.AgentListener;
import dev.tau.agent.AgentOutcome;
import dev.tau.core.model.ToolCall;
import dev.tau.core.model.Usage;
import dev.tau.core.provider.ModelRef;
import dev.tau.core.session.SessionId;
import dev.tau.core.tool.ToolResult;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;

/**
 * The spans of one agent run, built from its events on the run's thread: {@code invoke_agent tau}
 * from start to {@code RunFinished}, a {@code chat <model>} span from each {@code TurnStarted} to
 * the model's answer (or its failure), and an {@code execute_tool <name>} span per tool call. Only
 * names, ids, models, token counts, finish reasons and error codes are recorded: never a prompt, a
 * completion, tool arguments or tool output.
 */
final class RunTrace implements AgentListener {
  static final AttributeKey<String> OPERATION = AttributeKey.stringKey("gen_ai.operation.name");
  static final AttributeKey<String> PROVIDER = AttributeKey.stringKey("gen_ai.provider.name");
  static final AttributeKey<String> REQUEST_MODEL = AttributeKey.stringKey("gen_ai.request.model");
  static final AttributeKey<String> RESPONSE_MODEL =
      AttributeKey.stringKey("gen_ai.response.model");
  static final AttributeKey<Long> INPUT_TOKENS = AttributeKey.longKey("gen_ai.usage.input_tokens");
  static final AttributeKey<Long> OUTPUT_TOKENS =
      AttributeKey.longKey("gen_ai.usage.output_tokens");
  static final AttributeKey<List<String>> FINISH_REASONS =
      AttributeKey.stringArrayKey("gen_ai.response.finish_reasons");
  static final AttributeKey<String> AGENT_NAME = AttributeKey.stringKey("gen_ai.agent.name");
  static final AttributeKey<String> CONVERSATION = AttributeKey.stringKey("gen_ai.conversation.id");
  static final AttributeKey<String> TOOL_NAME = AttributeKey.stringKey("gen_ai.tool.name");
  static final AttributeKey<String> TOOL_CALL_ID = AttributeKey.stringKey("gen_ai.tool.call.id");
  static final AttributeKey<String> TOOL_TYPE = AttributeKey.stringKey("gen_ai.tool.type");
  static final AttributeKey<String> ERROR_TYPE = AttributeKey.stringKey("error.type");
  static final AttributeKey<String> OUTCOME = AttributeKey.stringKey("tau.agent.outcome");

  /** The {@code gen_ai.agent.name} of Tau's agent. */
  static final String AGENT = "tau";

  private record OpenTool(ToolCall call, Span span, Instant start) {}

  private final Tracer tracer;
  private final ModelRef model;
  private final String provider;
  private final Span agent;
  private final Context parent;
  private final List<OpenTool> tools = new ArrayList<>();
  private Span chat;
  private String toolCrash;

  RunTrace(Tracer tracer, SessionId session, ModelRef model) {
    this.tracer = tracer;
    this.model = model;
    this.provider = providerName(model.provider());
    this.agent =
        tracer
            .spanBuilder("invoke_agent " + AGENT)
            .setSpanKind(SpanKind.INTERNAL)
            .setAttribute(OPERATION, "invoke_agent")
            .setAttribute(AGENT_NAME, AGENT)
            .setAttribute(PROVIDER, provider)
            .setAttribute(REQUEST_MODEL, model.model())
            .setAttribute(CONVERSATION, session.value())
            .startSpan();
    this.parent = Context.root().with(agent);
  }

  @Override
  public void onEvent(AgentEvent event) {
    switch (event) {
      case AgentEvent.TurnStarted t -> startChat();
      case AgentEvent.UsageReported u -> endChat(u);
      case AgentEvent.Error e -> {
        if (chat != null) {
          fail(chat, e.code());
          chat.end();
          chat = null;
        } else {
          toolCrash = e.code();
        }
      }
      case AgentEvent.ToolCallStarted s -> startTool(s.call());
      case AgentEvent.ToolCallFinished f -> endTool(f.call(), f.result(), f.durationMs());
      case AgentEvent.TurnFinished t -> {
        if (chat != null) {
          // the call was cancelled before it answered
          fail(chat, "cancelled");
          chat.end();
          chat = null;
        }
      }
      case AgentEvent.RunFinished r -> endRun(r.outcome());
      case AgentEvent.TextDelta d -> {}
    }
  }

  private void startChat() {
    chat =
        tracer
            .spanBuilder("chat " + model.model())
            .setParent(parent)
            .setSpanKind(SpanKind.CLIENT)
            .setAttribute(OPERATION, "chat")
            .setAttribute(PROVIDER, provider)
            .setAttribute(REQUEST_MODEL, model.model())
            .startSpan();
  }

  private void endChat(AgentEvent.UsageReported answer) {
    if (chat == null) {
      return;
    }
    if (!answer.model().isEmpty()) {
      chat.setAttribute(RESPONSE_MODEL, answer.model());
    }
    usage(chat, answer.usage());
    chat.setAttribute(FINISH_REASONS, List.of(answer.stopReason().wire()));
    chat.end();
    chat = null;
  }

  private void startTool(ToolCall call) {
    Span span =
        tracer
            .spanBuilder("execute_tool " + call.name())
            .setParent(parent)
            .setSpanKind(SpanKind.INTERNAL)
            .setAttribute(OPERATION, "execute_tool")
            .setAttribute(TOOL_NAME, call.name())
            .setAttribute(TOOL_CALL_ID, call.id())
            .setAttribute(TOOL_TYPE, "function")
            .startSpan();
    tools.add(new OpenTool(call, span, Instant.now()));
  }

  private void endTool(ToolCall call, ToolResult result, long durationMs) {
    OpenTool open = take(call);
    if (open == null) {
      return;
    }
    if (toolCrash != null) {
      fail(open.span(), toolCrash);
      toolCrash = null;
    } else if (result instanceof ToolResult.Failed failed) {
      fail(open.span(), failed.code().wire());
    }
    // parallel calls are reported when the last one is done: end each at its own duration
    if (durationMs > 0) {
      open.span().end(open.start().plusMillis(durationMs));
    } else {
      open.span().end();
    }
  }

  private OpenTool take(ToolCall call) {
    for (Iterator<OpenTool> it = tools.iterator(); it.hasNext(); ) {
      OpenTool open = it.next();
      if (open.call().equals(call)) {
        it.remove();
        return open;
      }
    }
    return null;
  }

  private void endRun(AgentOutcome outcome) {
    for (OpenTool open : tools) {
      fail(open.span(), "cancelled");
      open.span().end();
    }
    tools.clear();
    if (chat != null) {
      fail(chat, "cancelled");
      chat.end();
      chat = null;
    }
    usage(agent, outcome.usage());
    agent.setAttribute(OUTCOME, outcome.kind());
    if (outcome instanceof AgentOutcome.Failed failed) {
      fail(agent, failed.error().code());
    }
    agent.end();
  }

  private static void usage(Span span, Usage usage) {
    span.setAttribute(INPUT_TOKENS, usage.inputTokens());
    span.setAttribute(OUTPUT_TOKENS, usage.outputTokens());
  }

  /** Marks a span failed with a code; the message is left out, as it can quote content. */
  private static void fail(Span span, String code) {
    span.setAttribute(ERROR_TYPE, code);
    span.setStatus(StatusCode.ERROR, code);
  }

  /** The semantic conventions' {@code gen_ai.provider.name} for a Tau provider id. */
  static String providerName(String id) {
    return switch (id.toLowerCase(Locale.ROOT)) {
      case "gemini" -> "gcp.gemini";
      case "xai" -> "x_ai";
      case "mistral" -> "mistral_ai";
      default -> id;
    };
  }
}
