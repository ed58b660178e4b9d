package dev.tau.cli.deploy;

import dev.tau.cli.Context;
import dev.tau.core.error.ExitCode;
import dev.tau.core.error.InputException;
import dev.tau.core.json.Json;
import dev.tau.core.util.AtomicFiles;
import dev.tau.deploy.did.BrowserDid;
import dev.tau.deploy.runner.DeploymentStateException;
import dev.tau.deploy.wasm.InspectReport;
import dev.tau.deploy.wasm.WasmDeliverables;
import dev.tau.deploy.wasm.WasmRuntimeProfile;
import dev.tau.deploy.wasm.WasmSandbox;
import dev.tau.deploy.wasm.WasmSmoke;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.node.ObjectNode;

/**
 * Runs {@link WasmOptions}: package a module, inspect a packaged deliverable, derive the browser
 * DID, or run the packaged deliverables in the sandbox. Exit codes: 0 ok, 1 when an inspected or
 * smoke-run deliverable fails, 42 for bad input (a missing module, a non-compliant module, invalid
 * DID labels).
 */
public final class WasmLauncher {
  /** Exit code of a deliverable that fails verification or its smoke run (tau-spec §4.8.6). */
  static final int FAILED = 1;

  private WasmLauncher() {}

  /**
   * @param stateDir the deployment state directory ({@code --deployment-state-dir})
   */
  public static int run(WasmOptions o, Path stateDir, Context ctx) throws InterruptedException {
    checkCombination(o);
    try {
      if (o.packageModule != null) {
        return pack(o, stateDir, ctx);
      }
      if (o.inspectManifest != null) {
        return inspect(o, ctx);
      }
      if (o.didInit) {
        return did(o, ctx);
      }
      return smoke(o, stateDir, ctx);
    } catch (DeploymentStateException e) {
      throw new InputException(e.getMessage(), e);
    } catch (IOException e) {
      throw new InputException("cannot write deployment files: " + e.getMessage(), e);
    }
  }

  private static void checkCombination(WasmOptions o) {
    List<String> modes = new ArrayList<>();
    if (o.packageModule != null) {
      modes.add("--deployment-wasm-package-module");
    }
    if (o.inspectManifest != null) {
      modes.add("--deployment-wasm-inspect-manifest");
    }
    if (o.didInit) {
      modes.add("--deployment-wasm-browser-did-init");
    }
    if (o.smoke) {
      modes.add("--deployment-wasm-smoke");
    }
    if (modes.size() > 1) {
      throw new InputException(String.join(", ", modes) + " cannot be combined; give one");
    }
    boolean pack = o.packageModule != null;
    requires(
        o.packageBlueprintId != null,
        pack,
        "--deployment-wasm-package-blueprint-id",
        "--deployment-wasm-package-module");
    requires(
        o.packageRuntimeProfile != null,
        pack,
        "--deployment-wasm-package-runtime-profile",
        "--deployment-wasm-package-module");
    requires(
        o.packageOutputDir != null,
        pack,
        "--deployment-wasm-package-output-dir",
        "--deployment-wasm-package-module");
    requires(
        o.packageJson != null,
        pack,
        "--deployment-wasm-package-json",
        "--deployment-wasm-package-module");
    requires(
        o.inspectJson != null,
        o.inspectManifest != null,
        "--deployment-wasm-inspect-json",
        "--deployment-wasm-inspect-manifest");
    for (var flag :
        List.of(
            new Object[] {o.didMethod, "--deployment-wasm-browser-did-method"},
            new Object[] {o.didNetwork, "--deployment-wasm-browser-did-network"},
            new Object[] {o.didSubject, "--deployment-wasm-browser-did-subject"},
            new Object[] {o.didEntropy, "--deployment-wasm-browser-did-entropy"},
            new Object[] {o.didOutput, "--deployment-wasm-browser-did-output"},
            new Object[] {o.didJson, "--deployment-wasm-browser-did-json"})) {
      requires(flag[0] != null, o.didInit, (String) flag[1], "--deployment-wasm-browser-did-init");
    }
    for (var flag :
        List.of(
            new Object[] {o.smokeDirs, "--deployment-wasm-smoke-dir"},
            new Object[] {o.smokeMaxInstructions, "--deployment-wasm-smoke-max-instructions"},
            new Object[] {o.smokeTimeoutMs, "--deployment-wasm-smoke-timeout-ms"},
            new Object[] {o.smokeMaxMemoryPages, "--deployment-wasm-smoke-max-memory-pages"},
            new Object[] {o.smokeJson, "--deployment-wasm-smoke-json"})) {
      requires(flag[0] != null, o.smoke, (String) flag[1], "--deployment-wasm-smoke");
    }
  }

  private static void requires(boolean given, boolean partner, String flag, String needs) {
    if (given && !partner) {
      throw new InputException(flag + " requires " + needs);
    }
  }

  private static boolean on(Boolean flag, Context ctx) {
    return Boolean.TRUE.equals(flag) || ctx.json();
  }

  private static int pack(WasmOptions o, Path stateDir, Context ctx) throws IOException {
    if (o.packageBlueprintId == null) {
      throw new InputException(
          "--deployment-wasm-package-module requires --deployment-wasm-package-blueprint-id");
    }
    WasmRuntimeProfile profile =
        o.packageRuntimeProfile == null
            ? WasmRuntimeProfile.WASM_WASI
            : WasmRuntimeProfile.parseCli(o.packageRuntimeProfile);
    Path output =
        Path.of(
            o.packageOutputDir == null
                ? WasmOptions.DEFAULT_OUTPUT_DIR
                : o.packageOutputDir.strip());
    WasmDeliverables.PackageReport report =
        new WasmDeliverables(Clock.systemUTC())
            .pack(
                new WasmDeliverables.PackageRequest(
                    Path.of(o.packageModule.strip()),
                    o.packageBlueprintId,
                    profile,
                    output,
                    stateDir));
    PrintWriter out = ctx.terminals().out();
    out.println(on(o.packageJson, ctx) ? Json.write(report.toJson()) : report.toText());
    out.flush();
    return ExitCode.OK.code();
  }

  private static int inspect(WasmOptions o, Context ctx) {
    InspectReport report = WasmDeliverables.inspect(Path.of(o.inspectManifest.strip()));
    PrintWriter out = ctx.terminals().out();
    out.println(on(o.inspectJson, ctx) ? Json.write(report.toJson()) : report.toText());
    out.flush();
    if (!report.compliant()) {
      PrintWriter err = ctx.terminals().err();
      err.println(
          "deployment wasm inspect failed: reason_codes="
              + String.join(",", report.reasonCodes())
              + ": "
              + String.join("; ", report.errors()));
      err.flush();
      return FAILED;
    }
    return ExitCode.OK.code();
  }

  private static int did(WasmOptions o, Context ctx) throws IOException {
    String entropy = o.didEntropy != null ? o.didEntropy : ctx.env().get(WasmOptions.ENTROPY_ENV);
    if (entropy == null) {
      throw new InputException(
          "--deployment-wasm-browser-did-init requires --deployment-wasm-browser-did-entropy (or "
              + WasmOptions.ENTROPY_ENV
              + ")");
    }
    BrowserDid.Identity identity =
        BrowserDid.derive(
            o.didMethod == null ? "key" : o.didMethod,
            o.didNetwork == null ? "tau-devnet" : o.didNetwork,
            o.didSubject == null ? "browser-agent" : o.didSubject,
            entropy);
    Path output =
        Path.of(o.didOutput == null ? WasmOptions.DEFAULT_DID_OUTPUT : o.didOutput.strip());
    if (Files.isDirectory(output)) {
      throw new InputException(
          "--deployment-wasm-browser-did-output " + output + " is a directory");
    }
    AtomicFiles.write(
        output,
        Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(identity.toPayload())
            + "\n");
    PrintWriter out = ctx.terminals().out();
    if (on(o.didJson, ctx)) {
      ObjectNode report = Json.object();
      report.put("runtime", BrowserDid.RUNTIME);
      report.put("interoperability_profile", BrowserDid.INTEROPERABILITY_PROFILE);
      report.put("method", identity.method().wire());
      report.put("network", identity.network());
      report.put("subject", identity.subject());
      report.put("did", identity.did());
      report.put("key_id", identity.keyId());
      report.put("fingerprint", identity.fingerprint());
      report.put("public_key_multibase", identity.publicKeyMultibase());
      report.put("output_path", output.toString());
      report.put("persisted", true);
      out.println(Json.write(report));
    } else {
      out.println(
          "deployment wasm browser did: runtime="
              + BrowserDid.RUNTIME
              + " profile="
              + BrowserDid.INTEROPERABILITY_PROFILE
              + " method="
              + identity.method().wire()
              + " did="
              + identity.did()
              + " key_id="
              + identity.keyId()
              + " fingerprint="
              + identity.fingerprint()
              + " output_path="
              + output
              + " persisted=true");
    }
    out.flush();
    return ExitCode.OK.code();
  }

  private static int smoke(WasmOptions o, Path stateDir, Context ctx)
      throws IOException, InterruptedException {
    WasmSandbox.Limits defaults = WasmSandbox.Limits.defaults();
    WasmSandbox.Limits limits;
    try {
      limits =
          new WasmSandbox.Limits(
              o.smokeMaxInstructions == null ? defaults.maxInstructions() : o.smokeMaxInstructions,
              o.smokeTimeoutMs == null ? defaults.timeout() : Duration.ofMillis(o.smokeTimeoutMs),
              o.smokeMaxMemoryPages == null ? defaults.maxMemoryPages() : o.smokeMaxMemoryPages);
    } catch (IllegalArgumentException e) {
      throw new InputException("--deployment-wasm-smoke-* " + e.getMessage());
    }
    List<Path> roots =
        o.smokeDirs == null
            ? List.of(stateDir.resolve("wasm-artifacts"))
            : o.smokeDirs.stream().map(d -> Path.of(d.strip())).toList();
    WasmSmoke.Report report = new WasmSmoke(new WasmSandbox(limits)).run(roots);
    PrintWriter out = ctx.terminals().out();
    if (on(o.smokeJson, ctx)) {
      out.println(Json.write(report.toJson()));
    } else {
      report.entries().forEach(e -> out.println(e.toText()));
      out.println(report.summary());
    }
    out.flush();
    return report.passed() ? ExitCode.OK.code() : FAILED;
  }
}
