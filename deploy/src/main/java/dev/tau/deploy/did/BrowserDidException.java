package dev.tau.deploy.did;

import dev.tau.core.error.InputException;

/**
 * The DID inputs are invalid. The message has the form of tau-spec §4.9: {@code failed to build
 * browser DID identity (method=…, network=…, subject=…): <reason>}.
 */
public final class BrowserDidException extends InputException {
  public BrowserDidException(String message) {
    super(message);
  }
}
