package dev.tau.channels.pairing;

/** What asking for a pairing code gave a stranger (a value, never an exception). */
public sealed interface PairingOutcome {
  /** A new code was issued. */
  record Issued(String code, long expiresUnixMs) implements PairingOutcome {}

  /** The actor already has a pending code; the same one is repeated, no new code is made. */
  record Pending(String code, long expiresUnixMs) implements PairingOutcome {}

  /** Too many codes were issued recently; nothing is issued (strangers cannot flood the file). */
  record RateLimited(long retryAfterMs) implements PairingOutcome {}
}
