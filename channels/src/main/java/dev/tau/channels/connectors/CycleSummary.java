package dev.tau.channels.connectors;

/** What one run or poll cycle did, summed over the channels. */
public record CycleSummary(
    long ingestedEvents,
    long duplicateEvents,
    long retries,
    long authFailures,
    long parseFailures,
    long providerFailures) {

  /** {@code multi-channel live connectors summary: ingested_events=… …} (tau-spec §5.14). */
  public String render() {
    return "multi-channel live connectors summary: ingested_events="
        + ingestedEvents
        + " duplicate_events="
        + duplicateEvents
        + " retries="
        + retries
        + " auth_failures="
        + authFailures
        + " parse_failures="
        + parseFailures
        + " provider_failures="
        + providerFailures;
  }

  CycleSummary minus(CycleSummary before) {
    return new CycleSummary(
        ingestedEvents - before.ingestedEvents,
        duplicateEvents - before.duplicateEvents,
        retries - before.retries,
        authFailures - before.authFailures,
        parseFailures - before.parseFailures,
        providerFailures - before.providerFailures);
  }
}
