package dev.tau.deploy.runner;

/**
 * A deployment contract fixture that cannot be read or breaks the schema of tau-spec §4.2, or a
 * case whose observed result differs from its expectation (§4.3). The message names the file or
 * case and the field; the operator fixes the fixture.
 */
public final class FixtureException extends RuntimeException {
  public FixtureException(String message) {
    super(message);
  }
}
