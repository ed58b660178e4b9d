package dev.tau.channels.connectors;

/** What became of one raw payload handed to the connectors. */
public sealed interface IngestResult {

  /** Appended to the inbox ({@code duplicate=false}) or already there ({@code duplicate=true}). */
  record Accepted(String eventKey, boolean duplicate) implements IngestResult {}

  /** Not a valid payload; {@code detail} is {@code <reason_code>: <detail>}. */
  record Rejected(String detail) implements IngestResult {}

  /**
   * A well-formed payload with nothing Tau can use (a sticker, a location: no text and no
   * attachment); {@code reasonCode} is the ingress reason ({@code empty_content}). Counted in
   * {@code events_ignored}, not as a parse failure.
   */
  record Ignored(String reasonCode) implements IngestResult {}
}
