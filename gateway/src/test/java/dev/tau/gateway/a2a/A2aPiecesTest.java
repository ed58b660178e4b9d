package dev.tau.gateway.a2a;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tau.gateway.auth.AuthMode;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class A2aPiecesTest {
  private static A2aTask task(String id) {
    return new A2aTask(id, "ctx", TaskState.SUBMITTED, "hi", "m1", "", "", Instant.EPOCH);
  }

  @Test
  void taskStoreForgetsTheOldestTaskPastItsCapacity() {
    TaskStore store = new TaskStore(2);
    store.put(task("t1"));
    store.put(task("t2"));
    store.put(task("t1").with(TaskState.WORKING, "", "", Instant.EPOCH));
    store.put(task("t3"));
    assertThat(store.size()).isEqualTo(2);
    assertThat(store.get("t1")).isEmpty();
    assertThat(store.get("t3")).isPresent();
    assertThatThrownBy(() -> new TaskStore(0)).hasMessageContaining("capacity");
  }

  @Test
  void versionHeaderSelectsTheLineAndUnknownVersionsAreRefused() {
    assertThat(A2aVersion.fromHeader(null)).contains(A2aVersion.V0_3);
    assertThat(A2aVersion.fromHeader("0.3.0")).contains(A2aVersion.V0_3);
    assertThat(A2aVersion.fromHeader(" 1.0 ")).contains(A2aVersion.V1_0);
    assertThat(A2aVersion.fromHeader("2.0")).isEqualTo(Optional.empty());
  }

  @Test
  void statesUseKebabCaseInV03AndTaskStatePrefixInV10() {
    assertThat(TaskState.COMPLETED.wire(A2aVersion.V0_3)).isEqualTo("completed");
    assertThat(TaskState.CANCELED.wire(A2aVersion.V1_0)).isEqualTo("TASK_STATE_CANCELED");
  }

  @Test
  void agentCardDeclaresBearerOnlyWhenAuthIsOnAndNeverHoldsASecret() {
    var open = AgentCard.build("http://127.0.0.1:1", "offline/echo", AuthMode.LOCALHOST_DEV);
    assertThat(open.has("securitySchemes")).isFalse();
    assertThat(open.path("url").asString()).isEqualTo("http://127.0.0.1:1/a2a");
    assertThat(open.path("capabilities").path("streaming").asBoolean()).isTrue();
    var locked = AgentCard.build("http://h:2", "offline/echo", AuthMode.TOKEN);
    assertThat(locked.path("securitySchemes").path("bearer").path("scheme").asString())
        .isEqualTo("bearer");
    assertThat(locked.path("security").get(0).has("bearer")).isTrue();
  }
}
