package dev.tau.channels.ingress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.strings;

import dev.tau.channels.EventKind;
import dev.tau.channels.InboundEvent;
import dev.tau.channels.Testdata;
import dev.tau.channels.Transport;
import dev.tau.core.json.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ChannelNormalizerTest {
  private final ChannelNormalizer normalizer = ChannelNormalizer.standard();

  private InboundEvent ok(Normalization n) {
    assertThat(n).isInstanceOf(Normalization.Normalized.class);
    return ((Normalization.Normalized) n).event();
  }

  private Normalization.Rejected rejected(Normalization n) {
    assertThat(n).isInstanceOf(Normalization.Rejected.class);
    return (Normalization.Rejected) n;
  }

  private Normalization envelope(String transport, String payload) {
    return normalizer.normalizeLine(
        "{\"schema_version\":1,\"transport\":\"" + transport + "\",\"payload\":" + payload + "}");
  }

  @Test
  void telegramEnvelopeMapsEveryColumnOfTheTable() {
    InboundEvent e =
        ok(normalizer.normalizeLine(Testdata.read(Testdata.LIVE.resolve("telegram-valid.json"))));
    assertThat(e.transport()).isEqualTo(Transport.TELEGRAM);
    assertThat(e.eventId()).isEqualTo("chat-100:42");
    assertThat(e.metadataText("telegram_message_id")).isEqualTo("42");
    assertThat(e.conversationId()).isEqualTo("chat-100");
    assertThat(e.actorId()).isEqualTo("user-7");
    assertThat(e.actorDisplay()).isEqualTo("alice");
    assertThat(e.timestampMs()).isEqualTo(1_760_100_000_000L);
    assertThat(e.text()).isEqualTo("hello from telegram");
    assertThat(e.eventKind()).isEqualTo(EventKind.MESSAGE);
    assertThat(e.metadataText("ingress_provider")).isEqualTo("telegram-bot-api");
    assertThat(e.metadataText("telegram_update_id")).isEqualTo("9001");
  }

  @Test
  void discordEnvelopeReplacesMentionTokensWithDisplayNames() {
    InboundEvent e =
        ok(normalizer.normalizeLine(Testdata.read(Testdata.LIVE.resolve("discord-valid.json"))));
    assertThat(e.eventId()).isEqualTo("discord-msg-1");
    assertThat(e.conversationId()).isEqualTo("discord-channel-88");
    assertThat(e.actorId()).isEqualTo("discord-user-3");
    assertThat(e.actorDisplay()).isEqualTo("ops-lead");
    assertThat(e.text()).isEqualTo("@Tau status please");
    assertThat(e.timestampMs()).isEqualTo(1_760_097_600_000L);
    assertThat(e.metadata()).containsOnlyKeys("ingress_provider");
  }

  @Test
  void whatsappEnvelopeJoinsPhoneNumberIdAndSender() {
    InboundEvent e =
        ok(normalizer.normalizeLine(Testdata.read(Testdata.LIVE.resolve("whatsapp-valid.json"))));
    assertThat(e.eventId()).isEqualTo("wamid.HBg123");
    assertThat(e.conversationId()).isEqualTo("phone-55:15551234567");
    assertThat(e.actorId()).isEqualTo("15551234567");
    assertThat(e.actorDisplay()).isEmpty();
    assertThat(e.timestampMs()).isEqualTo(1_760_300_000_000L);
    assertThat(e.metadataText("whatsapp_phone_number_id")).isEqualTo("phone-55");
  }

  @Test
  void mentionReplacementPrefersNickThenGlobalNameThenUsername() {
    String payload =
        """
        {"id":"1","channel_id":"c","author":{"id":"a"},"timestamp":"2025-01-01T00:00:00Z",
         "content":"<@1> <@!2> <@3> <@9> <@",
         "mentions":[{"id":"1","username":"u1","global_name":"g1","member":{"nick":"n1"}},
                     {"id":"2","username":"u2","global_name":"g2"},{"id":"3","username":"u3"}]}
        """;
    assertThat(ok(envelope("discord", payload)).text()).isEqualTo("@n1 @g2 @u3 <@9> <@");
  }

  @Test
  void rawPayloadsFromTheRunbookIngestIntoEnvelopesWithDefaultProvider() {
    for (Transport t : Transport.values()) {
      String file =
          switch (t) {
            case TELEGRAM -> "telegram-update.json";
            case DISCORD -> "discord-message.json";
            case WHATSAPP -> "whatsapp-message.json";
          };
      var ingest =
          normalizer.ingestRaw(t, " ", Testdata.read(Testdata.LIVE.resolve("raw").resolve(file)));
      assertThat(ingest.accepted()).isTrue();
      assertThat(ingest.envelope().provider()).isEqualTo(t.defaultProvider());
      // the appended line normalises to the same event again
      assertThat(normalizer.normalizeLine(ingest.envelope().toLine())).isEqualTo(ingest.outcome());
    }
  }

  @Test
  void rawIngestRefusesNonObjectsAndBadJson() {
    assertThat(rejected(normalizer.ingestRaw(Transport.TELEGRAM, "", "[1]").outcome()).reason())
        .isEqualTo(IngressReason.INVALID_FIELD_TYPE);
    assertThat(rejected(normalizer.ingestRaw(Transport.TELEGRAM, "", "{").outcome()).reason())
        .isEqualTo(IngressReason.INVALID_JSON);
  }

  @Test
  void numbersAreAcceptedForStringFieldsAndStringsForIntegers() {
    InboundEvent e =
        ok(
            envelope(
                "telegram",
                "{\"update_id\":5,\"message\":{\"message_id\":7,\"date\":\"1700000000\",\"chat\":{\"id\":-100123},\"from\":{\"id\":55,\"first_name\":\"Bo\"},\"text\":\"  /help \"}}"));
    assertThat(e.eventId()).isEqualTo("-100123:7");
    assertThat(e.conversationId()).isEqualTo("-100123");
    assertThat(e.actorId()).isEqualTo("55");
    assertThat(e.actorDisplay()).isEqualTo("Bo");
    assertThat(e.timestampMs()).isEqualTo(1_700_000_000_000L);
    assertThat(e.eventKind()).isEqualTo(EventKind.COMMAND);
  }

  @Test
  void telegramMessageIdsAreChatScopedSoTwoChatsMessage42AreTwoEvents() {
    String update =
        "{\"update_id\":%d,\"message\":{\"message_id\":42,\"date\":1,\"chat\":{\"id\":%d},"
            + "\"from\":{\"id\":2},\"text\":\"x\"}}";
    InboundEvent a = ok(envelope("telegram", update.formatted(1, 100)));
    InboundEvent b = ok(envelope("telegram", update.formatted(2, 200)));
    assertThat(a.eventKey()).isEqualTo("telegram:100:42");
    assertThat(b.eventKey()).isEqualTo("telegram:200:42");
  }

  @Test
  void telegramFallsBackToUpdateIdWithoutMessageId() {
    InboundEvent e =
        ok(
            envelope(
                "telegram",
                "{\"update_id\":5,\"message\":{\"date\":1,\"chat\":{\"id\":1},\"from\":{\"id\":2},\"text\":\"x\"}}"));
    assertThat(e.eventId()).isEqualTo("5");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          not json                        | x                                                                                   | invalid_json
          schema 2                        | {"schema_version":2,"transport":"telegram","payload":{}}                            | unsupported_schema_version
          blank transport                 | {"transport":" ","payload":{}}                                                      | missing_transport
          unknown transport               | {"transport":"sms","payload":{}}                                                    | unsupported_transport
          no payload                      | {"transport":"discord"}                                                             | missing_payload
          telegram edit update            | {"transport":"telegram","payload":{"edited_message":{}}}                            | missing_field
          telegram chat not object        | {"transport":"telegram","payload":{"message":{"chat":1,"from":{}}}}                 | invalid_field_type
          telegram date zero              | {"transport":"telegram","payload":{"message":{"message_id":1,"date":0,"chat":{"id":1},"from":{"id":2},"text":"x"}}} | invalid_timestamp
          telegram empty                  | {"transport":"telegram","payload":{"message":{"message_id":1,"date":3,"chat":{"id":1},"from":{"id":2},"text":" "}}} | empty_content
          telegram bad attachment url     | {"transport":"telegram","payload":{"message":{"message_id":1,"date":3,"chat":{"id":1},"from":{"id":2},"attachments":[{"id":"a","url":"http://evil"}]}}} | invalid_normalized_event
          attachments not array           | {"transport":"telegram","payload":{"message":{"message_id":1,"date":3,"chat":{"id":1},"from":{"id":2},"text":"x","attachments":{}}}} | invalid_field_type
          discord no author               | {"transport":"discord","payload":{"id":"1","channel_id":"c"}}                       | missing_field
          discord bad timestamp           | {"transport":"discord","payload":{"id":"1","channel_id":"c","author":{"id":"a"},"timestamp":"yesterday","content":"x"}} | invalid_timestamp
          discord blank id                | {"transport":"discord","payload":{"id":" ","channel_id":"c","author":{"id":"a"},"timestamp":"2025-01-01T00:00:00Z","content":"x"}} | missing_field
          whatsapp empty messages         | {"transport":"whatsapp","payload":{"messages":[],"metadata":{"phone_number_id":"p"}}} | missing_field
          whatsapp message not object     | {"transport":"whatsapp","payload":{"messages":[1],"metadata":{"phone_number_id":"p"}}} | invalid_field_type
          whatsapp no metadata            | {"transport":"whatsapp","payload":{"messages":[{"id":"m"}]}}                         | missing_field
          whatsapp bad timestamp          | {"transport":"whatsapp","payload":{"messages":[{"id":"m","from":"1","timestamp":"soon"}],"metadata":{"phone_number_id":"p"}}} | invalid_timestamp
          """)
  void eachFailureHasItsReasonCode(String name, String line, String code) {
    Normalization.Rejected r = rejected(normalizer.normalizeLine(line));
    assertThat(r.reason().wire()).isEqualTo(code);
    assertThat(r.render()).startsWith(code + ": ");
  }

  @Test
  void refusalDetailsNameTheField() {
    assertThat(
            rejected(
                    normalizer.normalizeLine(
                        Testdata.read(
                            Testdata.LIVE.resolve("invalid-discord-missing-author.json"))))
                .detail())
        .isEqualTo("payload.author is required");
    assertThat(
            rejected(
                    normalizer.normalizeLine(
                        Testdata.read(Testdata.LIVE.resolve("invalid-unsupported-transport.json"))))
                .reason())
        .isEqualTo(IngressReason.UNSUPPORTED_TRANSPORT);
  }

  @Test
  void anyTextGivesAnOutcomeNeverAnException() {
    qt().withExamples(500)
        .forAll(strings().allPossible().ofLengthBetween(0, 80))
        .checkAssert(text -> assertThat(normalizer.normalizeLine(text)).isNotNull());
    qt().withExamples(300)
        .forAll(strings().basicLatinAlphabet().ofLengthBetween(0, 40))
        .checkAssert(
            text ->
                assertThat(
                        envelope(
                            "telegram",
                            "{\"message\":{\"message_id\":1,\"date\":2,\"chat\":{\"id\":1},\"from\":{\"id\":2},\"text\":"
                                + Json.write(tools.jackson.databind.node.StringNode.valueOf(text))
                                + "}}"))
                    .isNotNull());
  }

  @Test
  void smokeInboxSkipsInvalidLinesWithDiagnosticsAndKeepsValidOnes() {
    InboxReader reader = new InboxReader(normalizer);
    List<InboxLine> lines = reader.readInbox(Testdata.LIVE.resolve("smoke"));
    assertThat(lines).hasSize(12);
    assertThat(lines.stream().filter(l -> l instanceof InboxLine.Accepted)).hasSize(6);
    List<InboxLine.Invalid> invalid =
        lines.stream()
            .filter(InboxLine.Invalid.class::isInstance)
            .map(InboxLine.Invalid.class::cast)
            .toList();
    assertThat(invalid).extracting(InboxLine.Invalid::line).containsOnly(2L, 3L);
    assertThat(invalid.getFirst().diagnostic())
        .startsWith("multi-channel live ingress parse failure: file=")
        .contains(" line=2 reason_code=invalid_json detail=");
    assertThat(invalid.get(1).reason()).isEqualTo(IngressReason.MISSING_FIELD);
  }

  @Test
  void validEnvelopeInAnotherTransportsFileIsSkippedAsMismatch(@TempDir Path dir) throws Exception {
    Path file = InboxReader.inboxFile(dir, Transport.DISCORD);
    String telegram =
        normalizer
            .ingestRaw(
                Transport.TELEGRAM,
                "",
                Testdata.read(Testdata.LIVE.resolve("raw/telegram-update.json")))
            .envelope()
            .toLine();
    Files.writeString(file, "\n" + telegram + "\n");
    List<InboxLine> out = new ArrayList<>();
    new InboxReader(normalizer).read(file, Transport.DISCORD, out::add);
    assertThat(out).singleElement().isInstanceOf(InboxLine.TransportMismatch.class);
    assertThat(((InboxLine.TransportMismatch) out.getFirst()).diagnostic())
        .contains("line=2 reason=transport_mismatch expected=discord actual=telegram");
  }
}
