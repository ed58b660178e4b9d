package dev.tau.cli;

import dev.tau.core.error.ExitCode;
import dev.tau.core.error.InputException;
import dev.tau.core.provider.CancelledException;
import dev.tau.core.provider.ProviderException;
import dev.tau.core.session.StoreException;
import dev.tau.guardrails.GuardrailBlockedException;
import picocli.CommandLine.ParameterException;

/**
 * The one place that maps an exception to what the user sees: an exit code, a stable error code and
 * a hint saying what to do.
 */
public record Failure(ExitCode exitCode, String code, String message, String hint) {

  public static Failure of(Throwable error) {
    return switch (error) {
      case ParameterException e ->
          new Failure(ExitCode.USAGE, "usage", e.getMessage(), "run 'bin/tau --help'");
      case ProviderException.NotConfigured e ->
          new Failure(
              ExitCode.PROVIDER,
              e.code(),
              e.getMessage(),
              "set the provider's API key, or pick another model with --model (see 'bin/tau doctor')");
      case ProviderException.AuthFailed e ->
          new Failure(
              ExitCode.PROVIDER,
              e.code(),
              e.getMessage(),
              "check the API key for " + e.provider() + " (it was rejected)");
      case ProviderException e ->
          new Failure(
              ExitCode.PROVIDER,
              e.code(),
              e.getMessage(),
              e.retryable()
                  ? "the provider is unavailable; try again later"
                  : "check the model id and request settings");
      case StoreException e ->
          new Failure(
              ExitCode.STORE,
              "store_error",
              e.getMessage(),
              "check --session-backend and --session-db-url, and run 'bin/tau doctor'");
      case GuardrailBlockedException e ->
          new Failure(
              ExitCode.INPUT,
              e.code(),
              e.getMessage(),
              "rephrase the prompt, or change --guardrail-"
                  + e.direction().wire()
                  + "-mode (see docs/guardrails.md)");
      case InputException e ->
          new Failure(ExitCode.INPUT, "input_error", e.getMessage(), "run 'bin/tau --help'");
      case CancelledException e -> new Failure(ExitCode.INTERRUPTED, "cancelled", "cancelled", "");
      default ->
          new Failure(
              ExitCode.INTERNAL,
              "internal_error",
              error.getClass().getSimpleName()
                  + (error.getMessage() == null ? "" : ": " + error.getMessage()),
              "this is a bug in Tau; re-run with --verbose and report it");
    };
  }
}
