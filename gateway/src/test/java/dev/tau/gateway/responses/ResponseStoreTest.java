package dev.tau.gateway.responses;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tau.core.json.Json;
import dev.tau.core.session.SessionId;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.node.ObjectNode;

class ResponseStoreTest {
  @TempDir Path dir;

  static ObjectNode response(String id) {
    ObjectNode node = Json.object();
    node.put("id", id);
    node.put("object", "response");
    return node;
  }

  @Test
  void aSavedResponseIsFoundWithItsSession() {
    ResponseStore store = new ResponseStore(dir.resolve("responses"), 10);

    store.save(SessionId.of("s1"), response("resp_a"));

    var found = store.find("resp_a").orElseThrow();
    assertThat(found.session()).isEqualTo(SessionId.of("s1"));
    assertThat(found.response().path("object").asString()).isEqualTo("response");
    assertThat(store.find("resp_b")).isEmpty();
  }

  @Test
  void theOldestResponsesArePrunedBeyondTheLimit() {
    ResponseStore store = new ResponseStore(dir, 2);

    store.save(SessionId.of("s"), response("resp_1"));
    store.save(SessionId.of("s"), response("resp_2"));
    store.save(SessionId.of("s"), response("resp_3"));

    assertThat(store.find("resp_1")).isEmpty();
    assertThat(store.find("resp_2")).isPresent();
    assertThat(store.find("resp_3")).isPresent();
    assertThat(dir.resolve("resp_1.json")).doesNotExist();
    assertThat(store.size()).isEqualTo(2);
  }

  @Test
  void aReopenedStoreKnowsItsResponsesOldestFirst() throws Exception {
    ResponseStore first = new ResponseStore(dir, 2);
    first.save(SessionId.of("s"), response("resp_new"));
    first.save(SessionId.of("s"), response("resp_old"));
    Files.setLastModifiedTime(dir.resolve("resp_old.json"), FileTime.fromMillis(1_000));

    ResponseStore reopened = new ResponseStore(dir, 2);
    reopened.save(SessionId.of("s"), response("resp_next"));

    assertThat(reopened.find("resp_old")).isEmpty();
    assertThat(reopened.find("resp_new")).isPresent();
  }

  @Test
  void anIdThatCouldNameAPathIsNeverLookedUp() throws Exception {
    Files.writeString(dir.resolve("secret.json"), "{\"response\":{\"id\":\"x\"}}");
    ResponseStore store = new ResponseStore(dir.resolve("responses"), 10);

    assertThat(store.find("../secret")).isEmpty();
    assertThat(store.find("")).isEmpty();
    assertThat(store.find(null)).isEmpty();
    assertThatThrownBy(() -> store.save(SessionId.of("s"), response("../x")))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void anUnreadableFileReadsAsMissing() throws Exception {
    Files.writeString(dir.resolve("resp_bad.json"), "{not json");
    ResponseStore store = new ResponseStore(dir, 10);

    assertThat(store.find("resp_bad")).isEmpty();
  }
}
