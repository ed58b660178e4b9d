package dev.tau.llm.offline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tau.core.error.InputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OfflineScriptTest {

  private static void rejects(String json, String... fragments) {
    assertThatThrownBy(() -> OfflineScript.parse(json, "s.json"))
        .isInstanceOf(InputException.class)
        .hasMessageStartingWith("offline script s.json ")
        .satisfies(e -> assertThat(e.getMessage()).contains(fragments));
  }

  @Test
  void readsRepliesFromAFile(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("replies.json");
    Files.writeString(
        file,
        "{\"replies\":[{\"text\":\"hi\"},{\"tool_calls\":[{\"name\":\"bash\",\"arguments\":{\"command\":\"ls\"}}]}]}");

    OfflineScript script = OfflineScript.load(file);

    assertThat(script.source()).isEqualTo(file.toString());
    assertThat(script.replies()).hasSize(2);
    assertThat(script.replies().get(1).toolCalls().getFirst())
        .isEqualTo(new OfflineScript.ScriptedCall("bash", "{\"command\":\"ls\"}"));
  }

  @Test
  void aMissingFileIsAnInputError(@TempDir Path dir) {
    assertThatThrownBy(() -> OfflineScript.load(dir.resolve("nope.json")))
        .isInstanceOf(InputException.class)
        .hasMessageContaining("cannot read offline script")
        .hasMessageContaining("nope.json");
  }

  @Test
  void refusesADeviceInsteadOfReadingForever() {
    Path zero = Path.of("/dev/zero");
    Assumptions.assumeTrue(Files.exists(zero), "needs /dev/zero");

    assertThatThrownBy(() -> OfflineScript.load(zero))
        .isInstanceOf(InputException.class)
        .hasMessageContaining("/dev/zero")
        .hasMessageContaining("is not a regular file")
        .hasMessageContaining("1048576 bytes");
  }

  @Test
  void refusesAFileLargerThanOneMegabyte(@TempDir Path dir) throws IOException {
    Path big = dir.resolve("big.json");
    Files.write(big, new byte[OfflineScript.MAX_BYTES + 1]);

    assertThatThrownBy(() -> OfflineScript.load(big))
        .isInstanceOf(InputException.class)
        .hasMessageContaining(big.toString())
        .hasMessageContaining("larger than the limit of 1048576 bytes");
  }

  @Test
  void readsAFileOfExactlyTheLimit(@TempDir Path dir) throws IOException {
    String json = "{\"replies\":[{\"text\":\"hi\"}]}";
    Path file = dir.resolve("padded.json");
    Files.writeString(file, json + " ".repeat(OfflineScript.MAX_BYTES - json.length()));

    assertThat(OfflineScript.load(file).replies()).hasSize(1);
  }

  @Test
  void aFileThatIsNotUtf8IsAnInputError(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("latin1.json");
    Files.write(
        file,
        new byte[] {'[', '{', '"', 't', 'e', 'x', 't', '"', ':', '"', (byte) 0xE9, '"', '}', ']'});

    assertThatThrownBy(() -> OfflineScript.load(file))
        .isInstanceOf(InputException.class)
        .hasMessageContaining("cannot read offline script " + file)
        .hasMessageContaining("MalformedInputException");
  }

  @Test
  void rejectsTextThatIsNotJson() {
    rejects("{replies: []", "is not valid JSON");
  }

  @Test
  void rejectsAWrongTopLevel() {
    rejects("\"hello\"", "must be a JSON object with a 'replies' array");
    rejects("{\"reply\": []}", "unknown top-level field 'reply'");
    rejects("{}", "needs a 'replies' array");
    rejects("{\"replies\": []}", "has no replies");
  }

  @Test
  void namesTheReplyWithAnUnknownField() {
    rejects(
        "[{\"text\":\"a\"},{\"txt\":\"b\"}]",
        "reply 2 has unknown field 'txt'",
        "allowed: match, text, tool_calls");
  }

  @Test
  void rejectsAReplyWithNothingToSay() {
    rejects("[{\"match\":\"x\"}]", "reply 1 needs 'text', 'tool_calls' or both");
    rejects("[42]", "reply 1 must be a JSON object");
  }

  @Test
  void rejectsWrongFieldTypes() {
    rejects("[{\"text\": 5}]", "reply 1: 'text' must be a string");
    rejects("[{\"text\":\"a\",\"match\": \"\"}]", "reply 1: 'match' must not be empty");
    rejects("[{\"tool_calls\": {}}]", "reply 1: 'tool_calls' must be a non-empty array");
    rejects("[{\"tool_calls\": []}]", "reply 1: 'tool_calls' must be a non-empty array");
  }

  @Test
  void namesTheBadToolCall() {
    rejects(
        "[{\"tool_calls\":[{\"name\":\"ok\"},{\"arguments\":{}}]}]",
        "reply 1, tool call 2 needs a 'name'");
    rejects(
        "[{\"tool_calls\":[{\"name\":\"rm -rf\"}]}]",
        "reply 1, tool call 1: name 'rm -rf' must match");
    rejects(
        "[{\"tool_calls\":[{\"name\":\"w\",\"arguments\":\"{}\"}]}]",
        "reply 1, tool call 1: 'arguments' must be a JSON object");
    rejects(
        "[{\"tool_calls\":[{\"name\":\"w\",\"id\":\"x\"}]}]",
        "reply 1, tool call 1 has unknown field 'id'");
  }
}
