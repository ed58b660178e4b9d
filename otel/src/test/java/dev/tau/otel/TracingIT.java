package dev.tau.otel;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tau.agent.Agent;
import dev.tau.agent.AgentConfig;
import dev.tau.agent.AgentOutcome;
import dev.tau.agent.tools.CodingTools;
import dev.tau.core.model.Message;
import dev.tau.core.model.ToolCall;
import dev.tau.core.provider.Cancellation;
import dev.tau.core.provider.ModelRef;
import dev.tau.core.session.SessionId;
import dev.tau.otel.FakeCollector.ReceivedSpan;
import dev.tau.testkit.agent.ScriptedModelProvider;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Real agent runs traced to a fake OTLP/HTTP collector on loopback. */
class TracingIT {
  static final String PROMPT = "PROMPT-XYZZY please write a file";
  static final String ANSWER = "ANSWER-PLUGH all done";
  static final String CONTENT = "CONTENT-FROBOZZ";
  static final String KEY = "Bearer sk-trace-secret-123";

  @TempDir Path workspace;
  FakeCollector collector;

  @BeforeEach
  void start() throws Exception {
    collector = new FakeCollector();
  }

  @AfterEach
  void stop() {
    collector.close();
  }

  AgentOutcome runTurn(Tracing tracing) {
    ScriptedModelProvider model =
        new ScriptedModelProvider()
            .replyToolCalls(
                new ToolCall(
                    "call_1", "write", "{\"path\":\"a.txt\",\"content\":\"" + CONTENT + "\"}"),
                new ToolCall("call_2", "read", "{\"path\":\"missing.txt\"}"))
            .replyText(ANSWER);
    Agent agent =
        Agent.builder(AgentConfig.of("test-model"), model)
            .tools(CodingTools.all())
            .workspace(workspace)
            .build();
    return agent.run(
        List.of(),
        Message.user(PROMPT),
        tracing.start(SessionId.of("sess-42"), ModelRef.parse("openai/test-model")),
        new Cancellation());
  }

  @Test
  void aRunWithToolCallsIsExportedAsGenAiSpansUnderOneInvokeAgentSpan() {
    Set<Long> before = exporterThreads();
    Tracing tracing =
        Tracing.fromEnv(
            Map.of(
                "OTEL_EXPORTER_OTLP_ENDPOINT",
                collector.baseUrl(),
                "OTEL_EXPORTER_OTLP_HEADERS",
                "authorization=" + KEY.replace(" ", "%20")));
    assertThat(tracing.enabled()).isTrue();
    // the check the disabled test relies on does see a running exporter
    assertThat(exporterThreads()).isNotEqualTo(before);

    AgentOutcome outcome = runTurn(tracing);
    tracing.close(); // flushes the batch

    assertThat(outcome.kind()).isEqualTo("completed");
    assertThat(collector.exports()).isNotEmpty();
    FakeCollector.Export export = collector.exports().getFirst();
    assertThat(export.path()).isEqualTo("/v1/traces");
    assertThat(export.headers()).containsEntry("authorization", KEY);
    assertThat(export.headers().get("content-type")).isEqualTo("application/x-protobuf");
    assertThat(export.resource()).containsEntry("service.name", "tau");

    Map<String, ReceivedSpan> spans =
        collector.spans().stream()
            .collect(Collectors.toMap(ReceivedSpan::name, Function.identity(), (a, b) -> b));
    assertThat(collector.spans())
        .extracting(ReceivedSpan::name)
        .containsExactlyInAnyOrder(
            "invoke_agent tau",
            "chat test-model",
            "chat test-model",
            "execute_tool write",
            "execute_tool read");

    ReceivedSpan agent = spans.get("invoke_agent tau");
    assertThat(agent.parentSpanId()).isEmpty();
    assertThat(agent.kind()).isEqualTo(1); // INTERNAL
    assertThat(agent.attributes())
        .containsEntry("gen_ai.operation.name", "invoke_agent")
        .containsEntry("gen_ai.agent.name", "tau")
        .containsEntry("gen_ai.provider.name", "openai")
        .containsEntry("gen_ai.request.model", "test-model")
        .containsEntry("gen_ai.conversation.id", "sess-42")
        .containsEntry("gen_ai.usage.input_tokens", 20L)
        .containsEntry("gen_ai.usage.output_tokens", 10L)
        .containsEntry("tau.agent.outcome", "completed");
    for (ReceivedSpan span : collector.spans()) {
      assertThat(span.traceId()).isEqualTo(agent.traceId());
      if (span != agent) {
        assertThat(span.parentSpanId()).as(span.name()).isEqualTo(agent.spanId());
      }
    }

    List<ReceivedSpan> chats =
        collector.spans().stream().filter(s -> s.name().startsWith("chat ")).toList();
    assertThat(chats)
        .extracting(s -> s.attributes().get("gen_ai.response.finish_reasons"))
        .containsExactlyInAnyOrder(List.of("tool_use"), List.of("end_turn"));
    for (ReceivedSpan chat : chats) {
      assertThat(chat.kind()).isEqualTo(3); // CLIENT
      assertThat(chat.attributes())
          .containsEntry("gen_ai.operation.name", "chat")
          .containsEntry("gen_ai.provider.name", "openai")
          .containsEntry("gen_ai.request.model", "test-model")
          .containsEntry("gen_ai.response.model", "test-model")
          .containsEntry("gen_ai.usage.input_tokens", 10L)
          .containsEntry("gen_ai.usage.output_tokens", 5L)
          .doesNotContainKey("error.type");
    }

    ReceivedSpan write = spans.get("execute_tool write");
    assertThat(write.attributes())
        .containsEntry("gen_ai.operation.name", "execute_tool")
        .containsEntry("gen_ai.tool.name", "write")
        .containsEntry("gen_ai.tool.call.id", "call_1")
        .containsEntry("gen_ai.tool.type", "function")
        .doesNotContainKey("error.type");
    assertThat(write.statusCode()).isZero();
    ReceivedSpan read = spans.get("execute_tool read");
    assertThat(read.attributes())
        .containsEntry("gen_ai.tool.name", "read")
        .containsEntry("gen_ai.tool.call.id", "call_2")
        .containsEntry("error.type", "not_found");
    assertThat(read.statusCode()).isEqualTo(2); // ERROR

    // never a prompt, a completion, tool arguments or the exporter's key in what is exported
    for (FakeCollector.Export e : collector.exports()) {
      assertThat(FakeCollector.text(e.body()))
          .doesNotContain("PROMPT-XYZZY")
          .doesNotContain("ANSWER-PLUGH")
          .doesNotContain("CONTENT-FROBOZZ")
          .doesNotContain("sk-trace-secret");
    }
  }

  @Test
  void withoutAnEndpointNothingIsExportedAndNoExporterThreadStarts() {
    Set<Long> before = exporterThreads();
    Tracing tracing = Tracing.fromEnv(Map.of("OTEL_SERVICE_NAME", "tau-test"));
    assertThat(tracing.enabled()).isFalse();

    AgentOutcome outcome = runTurn(tracing);
    tracing.close();

    assertThat(outcome.kind()).isEqualTo("completed");
    assertThat(collector.exports()).isEmpty();
    assertThat(exporterThreads()).isSubsetOf(before);
  }

  @Test
  void aGzipCollectorConnectionAndTheTracesEndpointAreHonoured() {
    Tracing tracing =
        Tracing.fromEnv(
            Map.of(
                "OTEL_EXPORTER_OTLP_TRACES_ENDPOINT",
                collector.baseUrl() + "/custom/traces",
                "OTEL_EXPORTER_OTLP_COMPRESSION",
                "gzip",
                "OTEL_SERVICE_NAME",
                "tau-gateway"));
    runTurn(tracing);
    tracing.close();

    assertThat(collector.exports()).isNotEmpty();
    assertThat(collector.exports().getFirst().path()).isEqualTo("/custom/traces");
    assertThat(collector.exports().getFirst().headers()).containsEntry("content-encoding", "gzip");
    assertThat(collector.exports().getFirst().resource())
        .containsEntry("service.name", "tau-gateway");
    assertThat(collector.spans()).hasSize(5);
  }

  /** Ids of live threads that belong to an exporter (the batch processor, the HTTP client). */
  static Set<Long> exporterThreads() {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(
            t -> t.getName().contains("BatchSpanProcessor") || t.getName().contains("HttpClient"))
        .map(Thread::threadId)
        .collect(Collectors.toSet());
  }
}
