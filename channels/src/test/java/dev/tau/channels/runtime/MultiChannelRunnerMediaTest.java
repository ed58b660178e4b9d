package dev.tau.channels.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tau.channels.Attachment;
import dev.tau.channels.EventKind;
import dev.tau.channels.InboundEvent;
import dev.tau.channels.Transport;
import dev.tau.channels.media.MediaUnderstander;
import dev.tau.channels.media.MediaUnderstanding;
import dev.tau.channels.outbound.DeliveryOutcome;
import dev.tau.channels.outbound.OutboundDispatcher;
import dev.tau.channels.outbound.OutboundMode;
import dev.tau.core.json.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

class MultiChannelRunnerMediaTest {
  @TempDir Path tau;

  private final Clock clock = Clock.fixed(Instant.ofEpochMilli(1_770_000_000_000L), ZoneOffset.UTC);
  private final List<String> prompts = new ArrayList<>();
  private final AtomicInteger understood = new AtomicInteger();
  private int failFirstReplies;

  private final ReplyGenerator replies =
      (event, session, prompt) -> {
        prompts.add(prompt);
        if (failFirstReplies-- > 0) {
          return new ReplyGenerator.Reply.Failed(true, "server_error", "try again");
        }
        return new ReplyGenerator.Reply.Answered("I see it.");
      };

  private final OutboundDispatcher channelStore =
      new OutboundDispatcher() {
        @Override
        public OutboundMode mode() {
          return OutboundMode.CHANNEL_STORE;
        }

        @Override
        public DeliveryOutcome deliver(InboundEvent event, String text) {
          return DeliveryOutcome.channelStore();
        }
      };

  /** Describes every image as a cat, counting calls. */
  private final MediaUnderstanding fake =
      (event, policy) -> {
        understood.incrementAndGet();
        return new MediaUnderstander(
                new dev.tau.channels.media.MediaReader() {
                  @Override
                  public java.util.Optional<String> unsupported(
                      dev.tau.channels.media.MediaKind kind) {
                    return java.util.Optional.empty();
                  }

                  @Override
                  public String read(dev.tau.channels.media.MediaKind kind, Attachment a) {
                    return "A grey cat\non a red sofa.";
                  }
                })
            .understand(event, policy);
      };

  private MultiChannelRunner runner() {
    return new MultiChannelRunner(
        tau.resolve("multi-channel"),
        RunnerSettings.DEFAULTS,
        replies,
        TauCommandHook.UNAVAILABLE,
        channelStore,
        clock,
        ms -> {},
        w -> {});
  }

  private static InboundEvent withImage(String id, String actor, String text) {
    return new InboundEvent(
        1,
        Transport.TELEGRAM,
        EventKind.fromText(text),
        id,
        "chat-100",
        "",
        actor,
        "",
        1000,
        text,
        List.of(new Attachment("img-1", "https://cdn.example/cat.png", "image/png", "cat.png", 10)),
        Map.of());
  }

  private List<JsonNode> lines(String name) throws Exception {
    return Files.readAllLines(
            tau.resolve("multi-channel/channel-store/channels/telegram/chat-100").resolve(name))
        .stream()
        .filter(l -> !l.isBlank())
        .map(Json::parse)
        .toList();
  }

  private JsonNode line(String direction, String status) throws Exception {
    return lines("log.jsonl").stream()
        .filter(l -> l.path("direction").asString().equals(direction))
        .filter(l -> status == null || l.path("payload").path("status").asString("").equals(status))
        .findFirst()
        .orElseThrow();
  }

  @Test
  void anAllowedImageIsUnderstoodOnceAndReachesTheStorePromptAndContext() throws Exception {
    runner().media(fake).runCycle(List.of(withImage("1", "user-7", "what is this?")));

    JsonNode media = line("inbound", null).path("payload").path("media_understanding");
    assertThat(media.path("processed").asInt()).isEqualTo(1);
    JsonNode outcome = media.path("outcomes").get(0);
    assertThat(outcome.path("decision").asString()).isEqualTo("processed");
    assertThat(outcome.path("reason_code").asString()).isEqualTo("media_image_described");
    assertThat(outcome.path("summary").asString()).isEqualTo("A grey cat on a red sofa.");
    String block =
        "Media understanding outcomes:\n- attachment_id=img-1 decision=processed"
            + " media_kind=image operation=describe reason_code=media_image_described"
            + " summary=A grey cat on a red sofa.";
    assertThat(prompts)
        .containsExactly(
            "what is this?\n[attachment cat.png (image/png): https://cdn.example/cat.png]\n\n"
                + block);
    assertThat(lines("context.jsonl").getFirst().path("text").asString())
        .isEqualTo("what is this?\n\n" + block);
    assertThat(line("outbound", "").path("payload").path("media_understanding")).isEqualTo(media);
    assertThat(understood).hasValue(1);
  }

  @Test
  void aRetriedEventReusesTheRecordedReportInsteadOfFetchingAgain() throws Exception {
    failFirstReplies = 1;

    runner().media(fake).runCycle(List.of(withImage("1", "user-7", "what is this?")));

    assertThat(prompts).hasSize(2);
    assertThat(prompts.get(1)).isEqualTo(prompts.get(0)).contains("A grey cat on a red sofa.");
    assertThat(understood).hasValue(1);
  }

  @Test
  void deniedEventsAndTauCommandsFetchNothing() throws Exception {
    Files.createDirectories(tau.resolve("security"));
    Files.writeString(
        tau.resolve("security/allowlist.json"),
        "{\"schema_version\":1,\"strict\":true,\"channels\":{\"telegram:chat-100\":[\"user-7\"]}}");

    runner()
        .media(fake)
        .runCycle(
            List.of(withImage("1", "stranger", "look"), withImage("2", "user-7", "/tau status")));

    assertThat(understood).hasValue(0);
    assertThat(lines("log.jsonl"))
        .allSatisfy(l -> assertThat(l.path("payload").has("media_understanding")).isFalse());
  }

  @Test
  void withoutWiringTheBuiltInMetadataReaderAnswersAndNothingIsDownloaded() throws Exception {
    runner().runCycle(List.of(withImage("1", "user-7", "what is this?")));

    assertThat(prompts.getFirst())
        .contains(
            "summary=Image 'cat.png' described from metadata (content_type='image/png',"
                + " size_bytes=10, source='https://cdn.example/cat.png').");
  }
}
