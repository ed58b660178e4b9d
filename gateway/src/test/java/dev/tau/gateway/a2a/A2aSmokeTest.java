package dev.tau.gateway.a2a;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class A2aSmokeTest {
  @Test
  void passesWithTheFixedRequestAndEmitsSmokePassedAfterThePingEvents() {
    RecordingEvents events = new RecordingEvents();
    var result = A2aSmoke.run(new A2aPing(events), events);
    assertThat(result)
        .isEqualTo(
            new A2aSmoke.Result.Passed("A2A smoke passed: basic request/ack contract is valid."));
    assertThat(events.seen)
        .containsExactly(
            "received(sales-agent,procurement-agent,msg-001)",
            "responded(ack-msg-001,acknowledged)",
            "smoke(sales-agent,procurement-agent,msg-001)");
  }

  @Test
  void failsNamingBothIdsWhenTheAckDoesNotAcknowledgeTheRequest() {
    RecordingEvents events = new RecordingEvents();
    var bad = new PingAck("procurement-agent", "sales-agent", "ack-x", "corr-001", "msg-999");
    assertThat(A2aSmoke.check(A2aSmoke.request(), bad, events))
        .isEqualTo(
            new A2aSmoke.Result.Failed(
                "a2a smoke failed: ack id 'msg-999' does not match request id 'msg-001'"));
    var lost = new PingAck("procurement-agent", "sales-agent", "ack-x", "msg-001", "msg-001");
    assertThat(A2aSmoke.check(A2aSmoke.request(), lost, events).message())
        .isEqualTo(
            "a2a smoke failed: correlation id 'msg-001' does not match request correlation id"
                + " 'corr-001'");
    assertThat(events.seen).isEmpty();
  }
}
