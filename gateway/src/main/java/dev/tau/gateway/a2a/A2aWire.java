package dev.tau.gateway.a2a;

import dev.tau.core.json.Json;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Renders tasks, messages and stream events in the wire form of one A2A version: v0.3 tags objects
 * with {@code kind} and writes kebab-case states; v1.0 drops {@code kind}, writes {@code
 * TASK_STATE_*} / {@code ROLE_*} and wraps results in a member naming their type ({@code task},
 * {@code statusUpdate}, {@code artifactUpdate}).
 */
final class A2aWire {
  private final A2aVersion version;

  A2aWire(A2aVersion version) {
    this.version = version;
  }

  private boolean v1() {
    return version == A2aVersion.V1_0;
  }

  ObjectNode message(String role, String messageId, A2aTask task, String text) {
    ObjectNode m = Json.object();
    if (!v1()) {
      m.put("kind", "message");
    }
    m.put("messageId", messageId);
    m.put("contextId", task.contextId());
    m.put("taskId", task.id());
    m.put("role", v1() ? "ROLE_" + role.toUpperCase(java.util.Locale.ROOT) : role);
    m.putArray("parts").add(textPart(text));
    return m;
  }

  ObjectNode textPart(String text) {
    ObjectNode part = Json.object();
    if (!v1()) {
      part.put("kind", "text");
    }
    part.put("text", text);
    return part;
  }

  ObjectNode status(A2aTask task) {
    ObjectNode status = Json.object();
    status.put("state", task.state().wire(version));
    if (task.state() == TaskState.FAILED && !task.detail().isEmpty()) {
      status.set("message", message("agent", task.id() + "-status", task, task.detail()));
    }
    status.put("timestamp", task.updated().toString());
    return status;
  }

  ObjectNode artifact(A2aTask task, String text) {
    ObjectNode artifact = Json.object();
    artifact.put("artifactId", task.id() + "-answer");
    artifact.put("name", "answer");
    artifact.putArray("parts").add(textPart(text));
    return artifact;
  }

  /** The task object; {@code historyLength} caps the history (negative: all). */
  ObjectNode task(A2aTask task, int historyLength) {
    ObjectNode t = Json.object();
    if (!v1()) {
      t.put("kind", "task");
    }
    t.put("id", task.id());
    t.put("contextId", task.contextId());
    t.set("status", status(task));
    var artifacts = t.putArray("artifacts");
    if (!task.answer().isEmpty()) {
      artifacts.add(artifact(task, task.answer()));
    }
    List<String> texts = task.historyTexts();
    var history = t.putArray("history");
    int from = historyLength < 0 ? 0 : Math.max(0, texts.size() - historyLength);
    for (int i = from; i < texts.size(); i++) {
      history.add(
          i == 0
              ? message("user", task.userMessageId(), task, texts.get(i))
              : message("agent", task.id() + "-reply", task, texts.get(i)));
    }
    if (!task.detail().isEmpty()) {
      t.putObject("metadata").put("tau_detail", task.detail());
    }
    return t;
  }

  /** The result of a send: the task itself (v0.3) or {@code {"task": …}} (v1.0). */
  JsonNode sendResult(A2aTask task) {
    return wrap("task", task(task, -1));
  }

  JsonNode statusUpdate(A2aTask task) {
    ObjectNode e = Json.object();
    if (!v1()) {
      e.put("kind", "status-update");
    }
    e.put("taskId", task.id());
    e.put("contextId", task.contextId());
    e.set("status", status(task));
    if (!v1()) {
      e.put("final", task.state().terminal());
    }
    return wrap("statusUpdate", e);
  }

  JsonNode artifactUpdate(A2aTask task, String text, boolean append, boolean lastChunk) {
    ObjectNode e = Json.object();
    if (!v1()) {
      e.put("kind", "artifact-update");
    }
    e.put("taskId", task.id());
    e.put("contextId", task.contextId());
    e.set("artifact", artifact(task, text));
    e.put("append", append);
    e.put("lastChunk", lastChunk);
    return wrap("artifactUpdate", e);
  }

  private JsonNode wrap(String member, ObjectNode value) {
    if (!v1()) {
      return value;
    }
    ObjectNode wrapper = Json.object();
    wrapper.set(member, value);
    return wrapper;
  }
}
