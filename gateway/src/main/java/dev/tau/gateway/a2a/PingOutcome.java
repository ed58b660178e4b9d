package dev.tau.gateway.a2a;

import java.util.Objects;

/** What a ping comes to: an acknowledgement, or a rejection naming the field at fault. */
public sealed interface PingOutcome {
  /** The ping was valid. */
  record Acknowledged(PingAck ack) implements PingOutcome {
    public Acknowledged {
      Objects.requireNonNull(ack, "ack");
    }
  }

  /** The ping was refused. */
  record Rejected(PingRejection reason) implements PingOutcome {
    public Rejected {
      Objects.requireNonNull(reason, "reason");
    }
  }
}
