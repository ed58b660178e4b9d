package dev.tau.deploy.runner;

/**
 * The deployment {@code state.json} cannot be read, parsed or written; the message names the file
 * and what is wrong with it. Not retryable: the operator fixes or removes the file.
 */
public final class DeploymentStateException extends RuntimeException {
  public DeploymentStateException(String message) {
    super(message);
  }

  public DeploymentStateException(String message, Throwable cause) {
    super(message, cause);
  }
}
