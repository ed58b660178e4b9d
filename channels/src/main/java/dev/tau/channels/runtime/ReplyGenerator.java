package dev.tau.channels.runtime;

import dev.tau.channels.InboundEvent;

/**
 * Writes the answer to an allowed message. The CLI supplies the agent (on the session {@code
 * route_session_key}, through the output guardrails); tests supply scripted replies.
 * Implementations must be thread-safe.
 */
@FunctionalInterface
public interface ReplyGenerator {

  /**
   * Answers {@code prompt} (the event's text and attachment list) in session {@code sessionKey}.
   * Failures are values ({@link Reply.Failed}), never exceptions.
   */
  Reply reply(InboundEvent event, String sessionKey, String prompt);

  /** How one reply attempt ended. */
  sealed interface Reply {
    /** The answer text to deliver (already through the output guardrail). */
    record Answered(String text) implements Reply {
      public Answered {
        java.util.Objects.requireNonNull(text, "text");
      }
    }

    /**
     * A guardrail refused the input or the answer; nothing is delivered and the event is done.
     *
     * @param reasonCode {@code guardrail_input_blocked} or {@code guardrail_output_blocked}
     */
    record Blocked(String reasonCode, String detail) implements Reply {}

    /**
     * The model could not answer. {@code retryable} failures (rate limit, 5xx, connection) are
     * retried with backoff; others fail the event at once (it is retried next cycle).
     */
    record Failed(boolean retryable, String code, String detail) implements Reply {}
  }
}
