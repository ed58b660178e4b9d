package dev.tau.deploy.runner;

import java.nio.file.Path;
import java.util.List;

/**
 * Loads a WASM deliverable manifest named by a case's {@code wasm_manifest} with the load rules of
 * tau-spec §4.8.2 (artifact re-read, re-hashed, re-parsed and re-checked for compliance). The
 * contract runner only needs the facts below; the WASM packaging code provides the loader.
 */
@FunctionalInterface
public interface WasmManifestLoader {

  /** What a loaded manifest tells a rollout. */
  record Manifest(
      String runtimeProfile,
      String artifactPath,
      String artifactSha256,
      long artifactSizeBytes,
      List<String> capabilityConstraints) {
    public Manifest {
      capabilityConstraints = List.copyOf(capabilityConstraints);
    }
  }

  /** A manifest that does not load; the message says why. */
  final class InvalidManifest extends Exception {
    public InvalidManifest(String message) {
      super(message);
    }
  }

  /**
   * @param manifestPath the manifest file, resolved against the working directory
   * @throws InvalidManifest when the manifest or its artifact fails any load rule
   */
  Manifest load(Path manifestPath) throws InvalidManifest;
}
