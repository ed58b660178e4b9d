package dev.tau.channels.ingress;

import dev.tau.channels.InboundEvent;
import java.util.Objects;

/** The outcome of normalising one envelope or raw payload: an event, or a reason it was refused. */
public sealed interface Normalization {

  /** The payload became a valid normalised event. */
  record Normalized(InboundEvent event) implements Normalization {
    public Normalized {
      Objects.requireNonNull(event, "event");
    }
  }

  /** The payload was refused; {@link #render()} gives {@code <code>: <detail>}. */
  record Rejected(IngressReason reason, String detail) implements Normalization {
    public Rejected {
      Objects.requireNonNull(reason, "reason");
      Objects.requireNonNull(detail, "detail");
    }

    public String render() {
      return reason.wire() + ": " + detail;
    }
  }
}
