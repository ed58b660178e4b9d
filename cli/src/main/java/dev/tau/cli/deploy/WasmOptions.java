package dev.tau.cli.deploy;

import java.util.List;
import picocli.CommandLine.Option;

/**
 * The WASM deliverable flags (tau-spec §4.8, §4.9, the deployment runbook), given on the root
 * command: packaging ({@code --deployment-wasm-package-*}), inspection ({@code
 * --deployment-wasm-inspect-*}), the browser DID bootstrap ({@code
 * --deployment-wasm-browser-did-*}) and the sandboxed smoke run ({@code --deployment-wasm-smoke*}).
 * The state directory is the deployment runtime's {@code --deployment-state-dir}. Unset flags stay
 * null.
 */
public final class WasmOptions {
  static final String DEFAULT_OUTPUT_DIR = ".tau/deployment/wasm-artifacts";
  static final String DEFAULT_DID_OUTPUT = ".tau/deployment/browser-did.json";
  static final String ENTROPY_ENV = "TAU_DEPLOYMENT_WASM_BROWSER_DID_ENTROPY";

  @Option(
      names = "--deployment-wasm-package-module",
      paramLabel = "FILE",
      description =
          "Package this WebAssembly module into a verifiable artifact + manifest, then exit.")
  String packageModule;

  @Option(
      names = "--deployment-wasm-package-blueprint-id",
      paramLabel = "ID",
      description = "Blueprint id of the packaged deliverable.")
  String packageBlueprintId;

  @Option(
      names = "--deployment-wasm-package-runtime-profile",
      paramLabel = "PROFILE",
      description = "wasm-wasi (default) or channel-automation-wasi.")
  String packageRuntimeProfile;

  @Option(
      names = "--deployment-wasm-package-output-dir",
      paramLabel = "DIR",
      description =
          "Where <blueprint>/<sha>.wasm and .manifest.json go (default "
              + DEFAULT_OUTPUT_DIR
              + ").")
  String packageOutputDir;

  @Option(
      names = "--deployment-wasm-package-json",
      arity = "0..1",
      fallbackValue = "true",
      paramLabel = "BOOL",
      description = "With --deployment-wasm-package-module: print JSON.")
  Boolean packageJson;

  @Option(
      names = "--deployment-wasm-inspect-manifest",
      paramLabel = "FILE",
      description =
          "Verify a packaged deliverable (re-hash, re-parse, re-evaluate); exit 1 when it fails.")
  String inspectManifest;

  @Option(
      names = "--deployment-wasm-inspect-json",
      arity = "0..1",
      fallbackValue = "true",
      paramLabel = "BOOL",
      description = "With --deployment-wasm-inspect-manifest: print JSON.")
  Boolean inspectJson;

  @Option(
      names = "--deployment-wasm-browser-did-init",
      description = "Derive the browser DID identity and write its bootstrap payload, then exit.")
  boolean didInit;

  @Option(
      names = "--deployment-wasm-browser-did-method",
      paramLabel = "METHOD",
      description = "key (default) or web.")
  String didMethod;

  @Option(
      names = "--deployment-wasm-browser-did-network",
      paramLabel = "NETWORK",
      description = "Network label; the host of a did:web (default tau-devnet).")
  String didNetwork;

  @Option(
      names = "--deployment-wasm-browser-did-subject",
      paramLabel = "SUBJECT",
      description = "Subject label (default browser-agent).")
  String didSubject;

  @Option(
      names = "--deployment-wasm-browser-did-entropy",
      paramLabel = "SECRET",
      description = "Secret the key pair is derived from (or env " + ENTROPY_ENV + "); required.")
  String didEntropy;

  @Option(
      names = "--deployment-wasm-browser-did-output",
      paramLabel = "FILE",
      description = "Bootstrap payload file (default " + DEFAULT_DID_OUTPUT + ").")
  String didOutput;

  @Option(
      names = "--deployment-wasm-browser-did-json",
      arity = "0..1",
      fallbackValue = "true",
      paramLabel = "BOOL",
      description = "With --deployment-wasm-browser-did-init: print JSON.")
  Boolean didJson;

  @Option(
      names = "--deployment-wasm-smoke",
      description =
          "Run every packaged deliverable in the sandbox (no host access, bounded), then exit;"
              + " exit 1 when one fails.")
  boolean smoke;

  @Option(
      names = "--deployment-wasm-smoke-dir",
      paramLabel = "DIR",
      description =
          "Directory searched for *.manifest.json (repeatable; default <state-dir>/wasm-artifacts).")
  List<String> smokeDirs;

  @Option(
      names = "--deployment-wasm-smoke-max-instructions",
      paramLabel = "N",
      description = "Instruction budget per deliverable (default 50000000).")
  Long smokeMaxInstructions;

  @Option(
      names = "--deployment-wasm-smoke-timeout-ms",
      paramLabel = "MS",
      description = "Wall-clock budget per deliverable (default 5000).")
  Long smokeTimeoutMs;

  @Option(
      names = "--deployment-wasm-smoke-max-memory-pages",
      paramLabel = "N",
      description = "Memory limit per deliverable in 64 KiB pages (default 256).")
  Integer smokeMaxMemoryPages;

  @Option(
      names = "--deployment-wasm-smoke-json",
      arity = "0..1",
      fallbackValue = "true",
      paramLabel = "BOOL",
      description = "With --deployment-wasm-smoke: print JSON.")
  Boolean smokeJson;

  /** Whether any WASM flag was given (the launcher then checks the combination). */
  public boolean requested() {
    return packageModule != null
        || packageBlueprintId != null
        || packageRuntimeProfile != null
        || packageOutputDir != null
        || packageJson != null
        || inspectManifest != null
        || inspectJson != null
        || didInit
        || didMethod != null
        || didNetwork != null
        || didSubject != null
        || didEntropy != null
        || didOutput != null
        || didJson != null
        || smoke
        || smokeDirs != null
        || smokeMaxInstructions != null
        || smokeTimeoutMs != null
        || smokeMaxMemoryPages != null
        || smokeJson != null;
  }
}
