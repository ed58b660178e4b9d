package dev.tau.channels;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tau.core.error.InputException;
import dev.tau.core.json.Json;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class ContractFixtureTest {

  @Test
  void baselineFixtureHasOneValidEventPerTransport() {
    ContractFixture fixture =
        ContractFixture.load(Testdata.CONTRACT.resolve("baseline-three-channel.json"));
    assertThat(fixture.name()).isEqualTo("baseline-three-channel");
    assertThat(fixture.events())
        .extracting(InboundEvent::eventKey)
        .containsExactly("telegram:tg-1001", "discord:dc-2001", "whatsapp:wa-3001");
    assertThat(fixture.events().get(1).eventKind()).isEqualTo(EventKind.COMMAND);
    assertThat(fixture.events().get(2).attachments()).hasSize(1);
  }

  @Test
  void defaultFixturePathOfTheSpecHoldsTheSameBaseline() {
    Path spec =
        Path.of("..", "crates", "tau-multi-channel", "testdata", "multi-channel-contract")
            .resolve("baseline-three-channel.json");
    assertThat(Testdata.read(spec))
        .isEqualTo(Testdata.read(Testdata.CONTRACT.resolve("baseline-three-channel.json")));
  }

  @Test
  void duplicateEventKeysAreRejectedNamingTheKey() {
    assertThatThrownBy(
            () -> ContractFixture.load(Testdata.CONTRACT.resolve("duplicate-event-key.json")))
        .isInstanceOf(InputException.class)
        .hasMessageContaining("duplicate-event-key.json")
        .hasMessageContaining("fixture contains duplicate transport event key 'telegram:tg-1001'");
  }

  @Test
  void plainHttpAttachmentUrlIsRejectedWithTheEventIndex() {
    assertThatThrownBy(
            () -> ContractFixture.load(Testdata.CONTRACT.resolve("invalid-attachment-url.json")))
        .isInstanceOf(InputException.class)
        .hasMessageContaining("fixture event index 2")
        .hasMessageContaining("https://");
  }

  @Test
  void emptyEventListAndBlankNameAreRejected() {
    assertThatThrownBy(
            () ->
                ContractFixture.fromJson(
                    Json.parse("{\"schema_version\":1,\"name\":\"x\",\"events\":[]}")))
        .hasMessage("fixture must include at least one event");
    assertThatThrownBy(
            () ->
                ContractFixture.fromJson(
                    Json.parse("{\"schema_version\":1,\"name\":\" \",\"events\":[]}")))
        .hasMessageContaining("name");
  }

  @Test
  void missingFileIsAnInputErrorNotAStackTrace() {
    assertThatThrownBy(() -> ContractFixture.load(Path.of("no/such/fixture.json")))
        .isInstanceOf(InputException.class)
        .hasMessageContaining("does not exist");
  }

  @Test
  void eventRoundTripsThroughItsJson() {
    ContractFixture fixture =
        ContractFixture.load(Testdata.CONTRACT.resolve("baseline-three-channel.json"));
    for (InboundEvent event : fixture.events()) {
      assertThat(InboundEvent.fromJson(Json.parse(Json.write(event.toJson())))).isEqualTo(event);
    }
  }
}
