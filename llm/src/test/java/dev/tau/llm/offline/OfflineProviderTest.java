package dev.tau.llm.offline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tau.core.json.Json;
import dev.tau.core.model.Message;
import dev.tau.core.model.StopReason;
import dev.tau.core.model.ToolCall;
import dev.tau.core.provider.Cancellation;
import dev.tau.core.provider.CancelledException;
import dev.tau.core.provider.ModelRequest;
import dev.tau.core.provider.ModelResponse;
import dev.tau.core.provider.StreamEvent;
import dev.tau.core.util.IdSource;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class OfflineProviderTest {

  private static ModelRequest ask(String text) {
    return ModelRequest.of("echo", List.of(Message.user(text)));
  }

  @Test
  void withoutAScriptItSaysNoProviderIsConfiguredEchoesAndExplainsHowToConfigure() {
    ModelResponse response =
        new OfflineProvider(IdSource.sequential())
            .complete(ask("Fix my build please"), Cancellation.none());

    String text = response.message().text();
    assertThat(text)
        .contains("No model provider is configured")
        .contains("\"Fix my build please\"")
        .contains("OPENAI_API_KEY")
        .contains("ANTHROPIC_API_KEY")
        .contains("GEMINI_API_KEY")
        .contains("--model ollama/llama3.2")
        .contains("--model offline/script --offline-script file.json");
    assertThat(response.stopReason()).isEqualTo(StopReason.END_TURN);
    assertThat(response.message().toolCalls()).isEmpty();
  }

  @Test
  void theEchoIsShortAndOnOneLine() {
    String longMessage = "word ".repeat(100) + "\nsecond line";

    String text =
        new OfflineProvider(IdSource.sequential())
            .complete(ask(longMessage), Cancellation.none())
            .message()
            .text();

    assertThat(text)
        .contains("\"" + "word ".repeat(12).strip() + "…\"")
        .doesNotContain("second line");
  }

  @Test
  void answersAreDeterministic() {
    List<StreamEvent> first = new ArrayList<>();
    List<StreamEvent> second = new ArrayList<>();

    new OfflineProvider(IdSource.sequential())
        .stream(ask("hello"), first::add, Cancellation.none());
    new OfflineProvider(IdSource.sequential())
        .stream(ask("hello"), second::add, Cancellation.none());

    assertThat(first).isEqualTo(second);
  }

  @Test
  void textIsStreamedInWordChunksThenCompleted() {
    List<StreamEvent> events = new ArrayList<>();

    ModelResponse response =
        new OfflineProvider(IdSource.sequential())
            .stream(ask("hi"), events::add, Cancellation.none());

    List<String> chunks =
        events.stream()
            .filter(StreamEvent.TextDelta.class::isInstance)
            .map(e -> ((StreamEvent.TextDelta) e).text())
            .toList();
    assertThat(chunks).hasSizeGreaterThan(10);
    assertThat(chunks).allMatch(c -> c.strip().split("\\s+").length == 1);
    assertThat(String.join("", chunks)).isEqualTo(response.message().text());
    assertThat(events.getLast()).isEqualTo(new StreamEvent.Completed(response));
  }

  @Test
  void scriptedRepliesPlayInOrderWithToolCallIdsFromTheIdSource() {
    OfflineScript script =
        OfflineScript.parse(
            """
            {"replies": [
              {"text": "Writing the file.", "tool_calls": [
                {"name": "write", "arguments": {"path": "a.txt", "content": "hi"}},
                {"name": "read", "arguments": {"path": "b.txt"}}]},
              {"text": "Done."}
            ]}
            """,
            "demo.json");
    OfflineProvider provider = new OfflineProvider(script, IdSource.sequential());
    List<StreamEvent> events = new ArrayList<>();

    ModelResponse first = provider.stream(ask("write a.txt"), events::add, Cancellation.none());
    ModelResponse second = provider.complete(ask("thanks"), Cancellation.none());
    ModelResponse third = provider.complete(ask("more?"), Cancellation.none());

    assertThat(first.message().text()).isEqualTo("Writing the file.");
    assertThat(first.message().toolCalls())
        .extracting(ToolCall::id, ToolCall::name)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("call_1", "write"),
            org.assertj.core.groups.Tuple.tuple("call_2", "read"));
    assertThat(Json.parse(first.message().toolCalls().get(0).arguments()))
        .isEqualTo(Json.parse("{\"path\":\"a.txt\",\"content\":\"hi\"}"));
    assertThat(first.stopReason()).isEqualTo(StopReason.TOOL_USE);
    assertThat(events)
        .filteredOn(StreamEvent.ToolCallStarted.class::isInstance)
        .containsExactly(
            new StreamEvent.ToolCallStarted(0, "call_1", "write"),
            new StreamEvent.ToolCallStarted(1, "call_2", "read"));
    assertThat(second.message().text()).isEqualTo("Done.");
    assertThat(second.stopReason()).isEqualTo(StopReason.END_TURN);
    assertThat(third.message().text())
        .isEqualTo("The offline script demo.json has no more replies: all 2 were played.");
  }

  @Test
  void matchChoosesTheReplyForTheLastUserMessage() {
    OfflineScript script =
        OfflineScript.parse(
            """
            [{"match": "weather", "text": "Sunny."},
             {"match": "time", "text": "Noon."},
             {"text": "Anything else."}]
            """,
            "m.json");
    OfflineProvider provider = new OfflineProvider(script, IdSource.sequential());

    assertThat(provider.complete(ask("what time is it?"), Cancellation.none()).message().text())
        .isEqualTo("Noon.");
    assertThat(provider.complete(ask("and the weather?"), Cancellation.none()).message().text())
        .isEqualTo("Sunny.");
    assertThat(provider.complete(ask("time again"), Cancellation.none()).message().text())
        .isEqualTo("Anything else.");
  }

  @Test
  void saysPlainlyWhenNoRemainingReplyMatches() {
    OfflineScript script =
        OfflineScript.parse("[{\"match\": \"deploy\", \"text\": \"ok\"}]", "s.json");

    String text =
        new OfflineProvider(script, IdSource.sequential())
            .complete(ask("hello"), Cancellation.none())
            .message()
            .text();

    assertThat(text)
        .isEqualTo(
            "The offline script s.json has no reply for this message: none of its 1 remaining replies match it.");
  }

  @Test
  void theLastUserMessageDecidesEvenAfterToolResults() {
    OfflineScript script =
        OfflineScript.parse(
            "[{\"match\":\"list\",\"tool_calls\":[{\"name\":\"ls\"}]},{\"match\":\"list\",\"text\":\"Listed.\"}]",
            "t.json");
    OfflineProvider provider = new OfflineProvider(script, IdSource.sequential());
    ModelResponse call = provider.complete(ask("list files"), Cancellation.none());
    List<Message> conversation =
        new ArrayList<>(List.of(Message.user("list files"), call.message()));
    conversation.add(Message.toolResult(call.message().toolCalls().getFirst(), "a b", false));

    ModelResponse answer =
        provider.complete(ModelRequest.of("script", conversation), Cancellation.none());

    assertThat(call.message().toolCalls().getFirst().arguments()).isEqualTo("{}");
    assertThat(answer.message().text()).isEqualTo("Listed.");
  }

  @Test
  void aCancelledCallStops() {
    Cancellation cancellation = new Cancellation();
    cancellation.cancel();

    assertThatThrownBy(
            () ->
                new OfflineProvider(IdSource.sequential()).stream(ask("x"), e -> {}, cancellation))
        .isInstanceOf(CancelledException.class);
  }

  @Test
  void wordsKeepTheirWhitespace() {
    assertThat(OfflineProvider.words("Hello  big\nworld"))
        .containsExactly("Hello  ", "big\n", "world");
    assertThat(OfflineProvider.words("")).isEmpty();
  }
}
