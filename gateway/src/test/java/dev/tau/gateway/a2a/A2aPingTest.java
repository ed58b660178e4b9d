package dev.tau.gateway.a2a;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tau.core.json.Json;
import org.junit.jupiter.api.Test;

class A2aPingTest {
  private final RecordingEvents events = new RecordingEvents();
  private final A2aPing ping = new A2aPing(events);

  private PingOutcome handle(String body) {
    return ping.handle(Json.parse(body));
  }

  @Test
  void acknowledgesWithSwappedAgentsAckIdAndProtocolLabelWithoutEchoingThePayload() {
    var outcome =
        handle(
            "{\"from_agent\":\"ops\",\"to_agent\":\"zavora\",\"message_id\":\"ping-7\","
                + "\"payload\":{\"intent\":\"check\"}}");
    assertThat(outcome).isInstanceOf(PingOutcome.Acknowledged.class);
    assertThat(Json.write(((PingOutcome.Acknowledged) outcome).ack().toJson()))
        .isEqualTo(
            "{\"from_agent\":\"zavora\",\"to_agent\":\"ops\",\"message_id\":\"ack-ping-7\","
                + "\"correlation_id\":\"ping-7\",\"acknowledged_message_id\":\"ping-7\","
                + "\"status\":\"acknowledged\","
                + "\"payload\":{\"accepted\":true,\"protocol\":\"zavora-a2a-v1\"}}");
    assertThat(events.seen)
        .containsExactly("received(ops,zavora,ping-7)", "responded(ack-ping-7,acknowledged)");
  }

  @Test
  void keepsTheCorrelationIdAndEchoesValuesUntrimmed() {
    var ack =
        ((PingOutcome.Acknowledged)
                handle(
                    "{\"from_agent\":\" a \",\"to_agent\":\"b\",\"message_id\":\" m \","
                        + "\"correlation_id\":\"c-1\"}"))
            .ack();
    assertThat(ack.toAgent()).isEqualTo(" a ");
    assertThat(ack.messageId()).isEqualTo("ack- m ");
    assertThat(ack.acknowledgedMessageId()).isEqualTo(" m ");
    assertThat(ack.correlationId()).isEqualTo("c-1");
  }

  @Test
  void validatesFromToAndMessageIdInThatOrderAfterEmittingReceived() {
    assertThat(handle("{\"from_agent\":\" \",\"to_agent\":\"\"}"))
        .isEqualTo(new PingOutcome.Rejected(PingRejection.FROM_AGENT_REQUIRED));
    assertThat(handle("{\"from_agent\":\"a\",\"message_id\":\"\"}"))
        .isEqualTo(new PingOutcome.Rejected(PingRejection.TO_AGENT_REQUIRED));
    assertThat(handle("{\"from_agent\":\"a\",\"to_agent\":\"b\",\"message_id\":\"\\t\"}"))
        .isEqualTo(new PingOutcome.Rejected(PingRejection.MESSAGE_ID_REQUIRED));
    assertThat(handle("{\"from_agent\":7,\"to_agent\":\"b\",\"message_id\":\"m\"}"))
        .isEqualTo(new PingOutcome.Rejected(PingRejection.FROM_AGENT_REQUIRED));
    assertThat(events.seen).hasSize(4).allMatch(s -> s.startsWith("received("));
    assertThat(PingRejection.TO_AGENT_REQUIRED.message())
        .isEqualTo("to_agent is required for A2A ping");
  }

  @Test
  void rejectsANonObjectBodyAndANonStringCorrelationId() {
    assertThat(handle("[1]")).isEqualTo(new PingOutcome.Rejected(PingRejection.BODY_NOT_OBJECT));
    assertThat(
            handle(
                "{\"from_agent\":\"a\",\"to_agent\":\"b\",\"message_id\":\"m\","
                    + "\"correlation_id\":5}"))
        .isEqualTo(new PingOutcome.Rejected(PingRejection.CORRELATION_ID_NOT_STRING));
  }
}
