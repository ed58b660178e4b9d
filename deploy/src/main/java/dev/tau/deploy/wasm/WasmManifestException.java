package dev.tau.deploy.wasm;

import dev.tau.core.error.InputException;
import java.util.List;
import java.util.Objects;

/**
 * A WASM deliverable failed packaging or verification. It carries the reason codes so that the
 * inspect report and the package error name them: an {@link IntegrityFailure} when the manifest or
 * artifact is broken, or the {@link ComplianceReason}s when the deliverable breaks its runtime
 * constraint profile.
 */
public final class WasmManifestException extends InputException {
  private final List<String> reasonCodes;

  public WasmManifestException(IntegrityFailure failure, String message) {
    super(message);
    this.reasonCodes = List.of(Objects.requireNonNull(failure, "failure").wire());
  }

  public WasmManifestException(IntegrityFailure failure, String message, Throwable cause) {
    super(message, cause);
    this.reasonCodes = List.of(Objects.requireNonNull(failure, "failure").wire());
  }

  public WasmManifestException(Compliance.Result compliance, String message) {
    super(message);
    this.reasonCodes = compliance.wire();
  }

  WasmManifestException(List<String> reasonCodes, String message, Throwable cause) {
    super(message, cause);
    this.reasonCodes = List.copyOf(reasonCodes);
  }

  /** The reason codes, snake_case, in report order. */
  public List<String> reasonCodes() {
    return reasonCodes;
  }
}
