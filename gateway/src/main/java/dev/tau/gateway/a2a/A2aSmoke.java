package dev.tau.gateway.a2a;

import dev.tau.core.json.Json;
import java.util.Objects;

/**
 * {@code server a2a-smoke} (zavora-spec §6.4): runs the fixed request {@code sales-agent →
 * procurement-agent} through the same ping processing in-process (no HTTP, no model, no
 * credentials) and checks the ack's ids.
 */
public final class A2aSmoke {
  /** Printed when the contract holds. */
  public static final String PASSED = "A2A smoke passed: basic request/ack contract is valid.";

  static final String FROM = "sales-agent";
  static final String TO = "procurement-agent";
  static final String MESSAGE_ID = "msg-001";
  static final String CORRELATION_ID = "corr-001";

  /** The smoke's verdict. */
  public sealed interface Result {
    String message();

    record Passed(String message) implements Result {
      public Passed {
        Objects.requireNonNull(message, "message");
      }
    }

    record Failed(String message) implements Result {
      public Failed {
        Objects.requireNonNull(message, "message");
      }
    }
  }

  private A2aSmoke() {}

  /** The fixed smoke request. */
  public static PingRequest request() {
    return new PingRequest(
        FROM, TO, MESSAGE_ID, CORRELATION_ID, Json.object().put("intent", "supply-check"));
  }

  /** Runs the smoke through {@code ping}, emitting {@code smokePassed} on success. */
  public static Result run(A2aPing ping, A2aEvents events) {
    PingRequest request = request();
    return switch (ping.handle(request)) {
      case PingOutcome.Rejected r -> new Result.Failed("a2a smoke failed: " + r.reason().message());
      case PingOutcome.Acknowledged a -> check(request, a.ack(), events);
    };
  }

  /** Checks an ack against its request (package-private so a broken ack can be tested). */
  static Result check(PingRequest request, PingAck ack, A2aEvents events) {
    if (!ack.acknowledgedMessageId().equals(request.messageId())) {
      return new Result.Failed(
          "a2a smoke failed: ack id '"
              + ack.acknowledgedMessageId()
              + "' does not match request id '"
              + request.messageId()
              + "'");
    }
    String expected = request.correlation().orElse(request.messageId());
    if (!ack.correlationId().equals(expected)) {
      return new Result.Failed(
          "a2a smoke failed: correlation id '"
              + ack.correlationId()
              + "' does not match request correlation id '"
              + expected
              + "'");
    }
    events.smokePassed(request.fromAgent(), request.toAgent(), request.messageId());
    return new Result.Passed(PASSED);
  }
}
