package dev.tau.channels.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tau.channels.EventKind;
import dev.tau.channels.InboundEvent;
import dev.tau.channels.PolicyFileException;
import dev.tau.channels.Transport;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.node.StringNode;

class RouteBindingsTest {
  @TempDir Path dir;

  static InboundEvent discord(String text, String conversation, String account) {
    return new InboundEvent(
        1,
        Transport.DISCORD,
        EventKind.fromText(text),
        "m1",
        conversation,
        "",
        "ops-lead",
        "",
        5,
        text,
        List.of(),
        account.isEmpty() ? Map.of() : Map.of("discord_bot_id", StringNode.valueOf(account)));
  }

  RouteBindings load(String json) throws Exception {
    Path file = dir.resolve(RouteBindings.FILE_NAME);
    Files.writeString(file, json);
    return RouteBindings.load(file);
  }

  @Test
  void runbookExampleBindsOpsRoomToARoleSessionKey() throws Exception {
    RouteBindings bindings =
        load(
            """
        {"schema_version":1,"bindings":[{"binding_id":"discord-ops","transport":"discord","account_id":"discord-main",
          "conversation_id":"ops-room","actor_id":"*","phase":"delegated_step","category_hint":"incident",
          "session_key_template":"session-{role}"}]}
        """);
    RouteDecision d = bindings.resolve(discord("/tau status", "ops-room", "discord-main"));
    assertThat(d.bindingId()).isEqualTo("discord-ops");
    assertThat(d.bindingMatched()).isTrue();
    assertThat(d.matchSpecificity()).isEqualTo(3);
    assertThat(d.phase())
        .as("binding phase beats the command default")
        .isEqualTo(RoutePhase.DELEGATED_STEP);
    assertThat(d.sessionKey()).isEqualTo("session-default");
    assertThat(d.accountId()).isEqualTo("discord-main");
    assertThat(d.toTrace(9).get("phase").asString()).isEqualTo("delegated-step");
    assertThat(d.toTrace(9).get("record_type").asString())
        .isEqualTo("multi_channel_route_trace_v1");
  }

  @Test
  void noMatchFallsBackToDefaultBindingPhaseByKindAndConversationKey() {
    RouteDecision d = RouteBindings.empty().resolve(discord("/deploy now", "room #1", ""));
    assertThat(d.bindingId()).isEqualTo("default");
    assertThat(d.bindingMatched()).isFalse();
    assertThat(d.matchSpecificity()).isZero();
    assertThat(d.phase()).isEqualTo(RoutePhase.PLANNER);
    assertThat(d.sessionKey()).isEqualTo("room__1-40df74e4");
    assertThat(RouteBindings.empty().resolve(discord("hi", "c", "")).phase())
        .isEqualTo(RoutePhase.DELEGATED_STEP);
  }

  @Test
  void mostSpecificBindingWinsAndTiesKeepTheEarlierOne() throws Exception {
    RouteBindings bindings =
        load(
            """
        {"schema_version":1,"bindings":[
          {"binding_id":"any-discord","transport":"DISCORD"},
          {"binding_id":"room-a","conversation_id":"room"},
          {"binding_id":"room-b","conversation_id":"room"},
          {"binding_id":"room-and-actor","conversation_id":"room","actor_id":"ops-lead","session_key_template":"{transport}/{conversation_id}/{actor_id}/{phase}"}]}
        """);
    assertThat(bindings.resolve(discord("hi", "other", "")).bindingId()).isEqualTo("any-discord");
    RouteDecision d = bindings.resolve(discord("hi", "room", ""));
    assertThat(d.bindingId()).isEqualTo("room-and-actor");
    assertThat(d.sessionKey()).isEqualTo("discord_room_ops-lead_delegated-step");
    bindings =
        load(
            """
        {"schema_version":1,"bindings":[{"binding_id":"room-a","conversation_id":"room"},{"binding_id":"room-b","conversation_id":"room"}]}
        """);
    assertThat(bindings.resolve(discord("hi", "room", "")).bindingId()).isEqualTo("room-a");
  }

  @Test
  void invalidBindingFilesNameTheFieldAndFile() throws Exception {
    assertThatThrownBy(
            () ->
                load(
                    "{\"schema_version\":1,\"bindings\":[{\"binding_id\":\"x\",\"conversation_id\":\"ops-*\"}]}"))
        .isInstanceOf(PolicyFileException.class)
        .hasMessageContaining(RouteBindings.FILE_NAME)
        .hasMessageContaining("selector 'ops-*' is invalid; only '*' wildcard is supported");
    assertThatThrownBy(
            () ->
                load(
                    "{\"schema_version\":1,\"bindings\":[{\"binding_id\":\"x\"},{\"binding_id\":\"x\"}]}"))
        .hasMessageContaining("duplicate binding_id 'x'");
    assertThatThrownBy(
            () ->
                load(
                    "{\"schema_version\":1,\"bindings\":[{\"binding_id\":\"x\",\"phase\":\"later\"}]}"))
        .hasMessageContaining("bindings[0].phase");
    assertThatThrownBy(
            () ->
                load(
                    "{\"schema_version\":1,\"bindings\":[{\"binding_id\":\"x\",\"trust_score_threshold\":101}]}"))
        .hasMessageContaining("threshold");
    assertThatThrownBy(() -> load("{\"schema_version\":1,\"bindings\":[{\"binding_id\":\" \"}]}"))
        .hasMessageContaining("binding_id cannot be empty");
    assertThat(RouteBindings.load(dir.resolve("absent.json")).bindings()).isEmpty();
  }

  @Test
  void accountIdComesFromTheFirstNonBlankMetadataKey() {
    InboundEvent e =
        new InboundEvent(
            1,
            Transport.WHATSAPP,
            EventKind.MESSAGE,
            "m",
            "p:1",
            "",
            "1",
            "",
            5,
            "x",
            List.of(),
            Map.of(
                "whatsapp_phone_number_id",
                StringNode.valueOf("p"),
                "account_id",
                StringNode.valueOf(" ")));
    assertThat(RouteBindings.accountId(e)).isEqualTo("p");
  }

  @Test
  void sessionKeySanitisingKeepsOnlyTheAllowedCharacters() {
    assertThat(RouteBindings.sanitize("__a b/c:d.e-f_g__")).isEqualTo("a_b_c:d.e-f_g-9cfe72d7");
    assertThat(RouteBindings.sanitize("a:b.c-d_e")).isEqualTo("a:b.c-d_e");
    assertThat(RouteBindings.sanitize("..")).isEqualTo("id-5ec1f7e7");
    assertThat(RouteBindings.sanitize("a b")).isNotEqualTo(RouteBindings.sanitize("a_b"));
    assertThat(RouteBindings.sessionKey("", "t", "", "", "a", "r", RoutePhase.REVIEW, ""))
        .isEqualTo("default");
  }
}
