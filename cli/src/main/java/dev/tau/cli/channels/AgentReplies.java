package dev.tau.cli.channels;

import dev.tau.agent.AgentListener;
import dev.tau.agent.AgentOutcome;
import dev.tau.channels.InboundEvent;
import dev.tau.channels.runtime.ReplyGenerator;
import dev.tau.core.model.Message;
import dev.tau.core.provider.Cancellation;
import dev.tau.core.session.SessionId;
import dev.tau.core.session.StoreException;
import dev.tau.guardrails.GuardedRun;
import dev.tau.guardrails.GuardedRunner;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;

/**
 * The agent answering channel messages: each route session key is an agent session, so a
 * conversation keeps its memory across messages and runs; input and output pass the guardrails.
 */
final class AgentReplies implements ReplyGenerator {
  private final GuardedRunner runner;

  AgentReplies(GuardedRunner runner) {
    this.runner = Objects.requireNonNull(runner, "runner");
  }

  @Override
  public synchronized Reply reply(InboundEvent event, String sessionKey, String prompt) {
    GuardedRun run;
    try {
      run =
          runner.run(
              sessionId(sessionKey), Message.user(prompt), AgentListener.NONE, new Cancellation());
    } catch (StoreException e) {
      return new Reply.Failed(true, "session_store_error", e.getMessage());
    }
    return switch (run) {
      case GuardedRun.InputBlocked b -> new Reply.Blocked("guardrail_input_blocked", b.message());
      case GuardedRun.OutputBlocked b -> new Reply.Blocked("guardrail_output_blocked", b.message());
      case GuardedRun.Ran r ->
          switch (r.outcome()) {
            case AgentOutcome.Completed c ->
                c.text().isBlank()
                    ? new Reply.Failed(false, "agent_empty_reply", "the model answered nothing")
                    : new Reply.Answered(c.text());
            case AgentOutcome.LimitReached l ->
                new Reply.Failed(false, "agent_limit_reached", l.message());
            case AgentOutcome.Cancelled c ->
                new Reply.Failed(true, "agent_cancelled", "the run was cancelled");
            case AgentOutcome.Failed f ->
                new Reply.Failed(f.error().retryable(), f.error().code(), f.error().getMessage());
          };
    };
  }

  /**
   * The agent session of a route session key: the key itself when it is a valid session id (route
   * keys use a subset of its characters), else {@code channel-} and a hash of it.
   */
  static SessionId sessionId(String sessionKey) {
    try {
      return SessionId.of(sessionKey);
    } catch (IllegalArgumentException tooLongOrEmpty) {
      try {
        byte[] hash =
            MessageDigest.getInstance("SHA-256")
                .digest(sessionKey.getBytes(StandardCharsets.UTF_8));
        return SessionId.of("channel-" + HexFormat.of().formatHex(hash, 0, 16));
      } catch (NoSuchAlgorithmException e) {
        throw new IllegalStateException("SHA-256 is part of every JDK", e);
      }
    }
  }
}
