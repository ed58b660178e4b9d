package dev.tau.gateway.a2a;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A snapshot of one A2A task: one agent turn answering one message.
 *
 * @param id the task id
 * @param contextId the A2A context (one Tau session per context)
 * @param state where the task stands
 * @param userText the text of the message that started it
 * @param userMessageId that message's id
 * @param answer the agent's answer so far
 * @param detail why it failed or was cut short, empty otherwise
 * @param updated when the state last changed
 */
public record A2aTask(
    String id,
    String contextId,
    TaskState state,
    String userText,
    String userMessageId,
    String answer,
    String detail,
    Instant updated) {
  public A2aTask {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(contextId, "contextId");
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(userText, "userText");
    Objects.requireNonNull(userMessageId, "userMessageId");
    Objects.requireNonNull(answer, "answer");
    Objects.requireNonNull(detail, "detail");
    Objects.requireNonNull(updated, "updated");
  }

  A2aTask with(TaskState next, String text, String why, Instant at) {
    return new A2aTask(id, contextId, next, userText, userMessageId, text, why, at);
  }

  /** The messages of the task, oldest first: the user's, then the agent's once it answered. */
  List<String> historyTexts() {
    return answer.isEmpty() ? List.of(userText) : List.of(userText, answer);
  }
}
