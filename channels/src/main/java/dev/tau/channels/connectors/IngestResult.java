package dev.tau.channels.connectors;

/** What became of one raw payload handed to the connectors. */
public sealed interface IngestResult {

  /** Appended to the inbox ({@code duplicate=false}) or already there ({@code duplicate=true}). */
  record Accepted(String eventKey, boolean duplicate) implements IngestResult {}

  /** Not a valid payload; {@code detail} is {@code <reason_code>: <detail>}. */
  record Rejected(String detail) implements IngestResult {}
}
