package dev.tau.channels;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.StringNode;

class InboundEventTest {

  static InboundEvent event(String text, List<Attachment> attachments) {
    return new InboundEvent(
        1,
        Transport.TELEGRAM,
        EventKind.MESSAGE,
        " 42 ",
        "chat-100",
        "",
        "user-7",
        "",
        1,
        text,
        attachments,
        Map.of());
  }

  @Test
  void eventKeyTrimsTheEventId() {
    assertThat(event("hi", List.of()).eventKey()).isEqualTo("telegram:42");
  }

  @Test
  void buildingValidatesEveryContractRule() {
    assertThatThrownBy(() -> event(" ", List.of())).hasMessageContaining("non-empty text");
    Attachment a = new Attachment("a", "https://x/y", "", "", 0);
    assertThatThrownBy(() -> event("", List.of(a, a)))
        .hasMessageContaining("duplicate attachment_id");
    assertThatThrownBy(() -> event("", List.of(new Attachment("a", "ftp://x", "", "", 0))))
        .hasMessageContaining("url");
    assertThatThrownBy(() -> event("", List.of(new Attachment("a", "https://x", "png", "", 0))))
        .hasMessageContaining("content_type");
    assertThat(event("", List.of(new Attachment("a", "http://localhost:9/x", "image/png", "", 0))))
        .isNotNull();
    assertThatThrownBy(
            () ->
                new InboundEvent(
                    1,
                    Transport.DISCORD,
                    EventKind.MESSAGE,
                    "1",
                    "c",
                    "",
                    "a",
                    "",
                    0,
                    "x",
                    List.of(),
                    Map.of()))
        .hasMessageContaining("timestamp_ms");
    assertThatThrownBy(
            () ->
                new InboundEvent(
                    1,
                    Transport.DISCORD,
                    EventKind.MESSAGE,
                    "1",
                    "c",
                    "",
                    " ",
                    "",
                    5,
                    "x",
                    List.of(),
                    Map.of()))
        .hasMessageContaining("actor_id cannot be empty");
    assertThatThrownBy(
            () ->
                new InboundEvent(
                    1,
                    Transport.DISCORD,
                    EventKind.MESSAGE,
                    "1",
                    "c",
                    "",
                    "a",
                    "",
                    5,
                    "x",
                    List.of(),
                    Map.of(" ", StringNode.valueOf("v"))))
        .hasMessageContaining("metadata keys");
    assertThatThrownBy(
            () ->
                new InboundEvent(
                    2,
                    Transport.DISCORD,
                    EventKind.MESSAGE,
                    "1",
                    "c",
                    "",
                    "a",
                    "",
                    5,
                    "x",
                    List.of(),
                    Map.of()))
        .hasMessageContaining("schema_version");
  }
}
