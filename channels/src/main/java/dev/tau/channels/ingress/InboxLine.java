package dev.tau.channels.ingress;

import dev.tau.channels.InboundEvent;
import dev.tau.channels.TerminalText;
import dev.tau.channels.Transport;
import java.nio.file.Path;

/** One non-blank line of a live-ingress inbox file, as the live runner sees it. */
public sealed interface InboxLine {
  Path file();

  /** 1-based line number. */
  long line();

  /** A valid envelope for this file's transport. */
  record Accepted(Path file, long line, InboundEvent event) implements InboxLine {}

  /**
   * A line that could not be normalised; {@link #diagnostic()} is the stderr line, its detail
   * (which may quote the payload) made safe for a terminal.
   */
  record Invalid(Path file, long line, IngressReason reason, String detail) implements InboxLine {
    public String diagnostic() {
      return "multi-channel live ingress parse failure: file="
          + file
          + " line="
          + line
          + " reason_code="
          + reason.wire()
          + " detail="
          + TerminalText.safe(detail);
    }
  }

  /** A valid envelope in another transport's file; skipped. */
  record TransportMismatch(Path file, long line, Transport expected, Transport actual)
      implements InboxLine {
    public String diagnostic() {
      return "multi-channel live ingress skipped event: file="
          + file
          + " line="
          + line
          + " reason=transport_mismatch expected="
          + expected.wire()
          + " actual="
          + actual.wire();
    }
  }
}
