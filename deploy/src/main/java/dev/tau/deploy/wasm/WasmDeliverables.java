package dev.tau.deploy.wasm;

import dev.tau.core.error.InputException;
import dev.tau.core.json.Json;
import dev.tau.core.util.AtomicFiles;
import dev.tau.deploy.runner.DeploymentState;
import dev.tau.deploy.runner.WasmDeliverable;
import dev.tau.deploy.runner.WasmManifestLoader;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Packages a WebAssembly module into a verifiable deliverable (artifact + manifest + state entry,
 * tau-spec §4.8.1) and verifies a packaged deliverable again (inspect and load, §4.8.2, §4.8.6):
 * re-hash, re-parse, re-evaluate.
 */
public final class WasmDeliverables {
  /** Largest module read; the profiles allow at most 2 MiB, this only bounds memory use. */
  static final long MAX_MODULE_BYTES = 64L * 1024 * 1024;

  /** Largest manifest read; a real one is about 1.5 KB. */
  static final long MAX_MANIFEST_BYTES = 1024 * 1024;

  private final Clock clock;

  public WasmDeliverables(Clock clock) {
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /**
   * What to package.
   *
   * @param module the module file, as the operator named it (recorded as {@code
   *     source_module_path})
   * @param outputDir where {@code <blueprint>/<sha>.wasm} and its manifest go
   * @param stateDir the deployment state directory; its {@code state.json} gets the {@code
   *     wasm_deliverables} entry
   */
  public record PackageRequest(
      Path module,
      String blueprintId,
      WasmRuntimeProfile runtimeProfile,
      Path outputDir,
      Path stateDir) {
    public PackageRequest {
      Objects.requireNonNull(module, "module");
      Objects.requireNonNull(blueprintId, "blueprintId");
      Objects.requireNonNull(runtimeProfile, "runtimeProfile");
      Objects.requireNonNull(outputDir, "outputDir");
      Objects.requireNonNull(stateDir, "stateDir");
    }
  }

  /** What packaging produced (tau-spec §4.8.1 step 8). */
  public record PackageReport(
      WasmManifest manifest,
      Path artifactPath,
      Path manifestPath,
      Path statePath,
      List<String> reasonCodes) {
    public PackageReport {
      reasonCodes = List.copyOf(reasonCodes);
    }

    public ObjectNode toJson() {
      ObjectNode o = Json.object();
      o.put("blueprint_id", manifest.blueprintId());
      o.put("runtime_profile", manifest.runtimeProfile());
      o.put("source_module_path", manifest.sourceModulePath());
      o.put("artifact_path", artifactPath.toString());
      o.put("artifact_sha256", manifest.artifactSha256());
      o.put("artifact_size_bytes", manifest.artifactSizeBytes());
      o.put("manifest_path", manifestPath.toString());
      o.put("state_path", statePath.toString());
      o.put("state_updated", true);
      o.set("capability_constraints", RuntimeConstraints.array(manifest.capabilityConstraints()));
      o.put("constraint_profile_id", manifest.runtimeConstraints().profileId());
      o.set("compliance_reason_codes", RuntimeConstraints.array(reasonCodes));
      o.set("observed_import_modules", RuntimeConstraints.array(manifest.observedImportModules()));
      return o;
    }

    public String toText() {
      return "deployment wasm package: blueprint_id="
          + manifest.blueprintId()
          + " runtime_profile="
          + manifest.runtimeProfile()
          + " artifact_path="
          + artifactPath
          + " artifact_sha256="
          + manifest.artifactSha256()
          + " artifact_size_bytes="
          + manifest.artifactSizeBytes()
          + " manifest_path="
          + manifestPath
          + " state_path="
          + statePath
          + " state_updated=true constraint_profile_id="
          + manifest.runtimeConstraints().profileId()
          + " compliance_reason_codes="
          + list(reasonCodes)
          + " constraints="
          + String.join(",", manifest.capabilityConstraints());
    }
  }

  /**
   * Packages one module.
   *
   * @throws InputException for a missing module, a blank blueprint id, an invalid module, or a
   *     module its runtime profile refuses ({@link WasmManifestException} with the reason codes)
   * @throws IOException when the artifact, manifest or state cannot be written
   */
  public PackageReport pack(PackageRequest request) throws IOException {
    if (!Files.exists(request.module())) {
      throw new InputException("wasm module " + request.module() + " does not exist");
    }
    if (!Files.isRegularFile(request.module())) {
      throw new InputException("wasm module " + request.module() + " is not a file");
    }
    String blueprint = request.blueprintId().strip();
    if (blueprint.isEmpty()) {
      throw new InputException("--deployment-wasm-package-blueprint-id cannot be empty");
    }
    byte[] bytes = readCapped(request.module(), MAX_MODULE_BYTES, "wasm module");
    WasmBinary binary = WasmBinary.parse(bytes);
    String sha = sha256(bytes);
    WasmRuntimeProfile profile = request.runtimeProfile();
    RuntimeConstraints constraints = RuntimeConstraints.forProfile(profile);
    List<String> capabilities = RuntimeConstraints.capabilityConstraints(profile);
    Compliance.Result compliance =
        Compliance.evaluate(
            constraints, profile.wire(), bytes.length, capabilities, binary.importModules());
    if (!compliance.compliant()) {
      throw new WasmManifestException(
          compliance,
          "deployment wasm package runtime constraints failed: reason_codes="
              + String.join(",", compliance.wire()));
    }
    Path dir = request.outputDir().resolve(sanitize(blueprint));
    Path artifact = dir.resolve(sha + ".wasm");
    Path manifestPath = dir.resolve(sha + ".manifest.json");
    WasmManifest manifest =
        new WasmManifest(
            1,
            WasmManifest.KIND,
            blueprint,
            WasmManifest.DEPLOY_TARGET,
            profile.wire(),
            request.module().toString(),
            artifact.getFileName().toString(),
            sha,
            bytes.length,
            Math.max(1, clock.millis()),
            capabilities,
            constraints,
            binary.importModules());
    AtomicFiles.write(artifact, bytes);
    AtomicFiles.write(manifestPath, pretty(manifest.toJson()));
    Path stateFile =
        DeploymentState.recordWasmDeliverable(
            request.stateDir(),
            new WasmDeliverable(
                blueprint,
                profile.wire(),
                constraints.profileId(),
                constraints.requiredAbi(),
                constraints.requiredFeatureGates(),
                artifact.toString(),
                sha,
                bytes.length,
                manifestPath.toString(),
                manifest.generatedUnixMs()));
    return new PackageReport(manifest, artifact, manifestPath, stateFile, compliance.wire());
  }

  /**
   * Verifies a packaged deliverable and reports every finding: the manifest rules, the artifact's
   * SHA-256 and size, a full re-parse of the artifact, compliance of the imports actually in it,
   * and whether they are the recorded ones. Never throws for a bad deliverable; the report says
   * {@code compliant=false} with the reason codes and messages.
   */
  public static InspectReport inspect(Path manifestPath) {
    InspectReport.Builder report = new InspectReport.Builder(manifestPath);
    WasmManifest manifest;
    WasmRuntimeProfile profile;
    try {
      manifest = readManifest(manifestPath);
      report.manifest(manifest);
      profile = manifest.validate();
    } catch (WasmManifestException e) {
      return report.fail(e).build();
    }
    RuntimeConstraints constraints = RuntimeConstraints.forProfile(profile);
    report.constraints(constraints);
    Path artifact = artifactPath(manifestPath, manifest);
    report.artifact(artifact);
    byte[] bytes;
    try {
      bytes = readCapped(artifact, MAX_MODULE_BYTES, "wasm artifact");
    } catch (IOException | InputException e) {
      return report
          .fail(
              new WasmManifestException(
                  IntegrityFailure.ARTIFACT_MISSING,
                  "cannot read wasm artifact " + artifact + ": " + describe(e)))
          .build();
    }
    String observedSha = sha256(bytes);
    report.observed(observedSha, bytes.length);
    if (!observedSha.equals(manifest.artifactSha256())) {
      report.fail(
          new WasmManifestException(
              IntegrityFailure.ARTIFACT_SHA256_MISMATCH,
              "hash mismatch: expected " + manifest.artifactSha256() + " observed " + observedSha));
    }
    if (bytes.length != manifest.artifactSizeBytes()) {
      report.fail(
          new WasmManifestException(
              IntegrityFailure.ARTIFACT_SIZE_MISMATCH,
              "size mismatch: expected "
                  + manifest.artifactSizeBytes()
                  + " observed "
                  + bytes.length));
    }
    WasmBinary binary;
    try {
      binary = WasmBinary.parse(bytes);
    } catch (WasmManifestException e) {
      return report.fail(e).build();
    }
    report.imports(binary.importModules());
    Compliance.Result compliance =
        Compliance.evaluate(
            constraints,
            manifest.runtimeProfile(),
            bytes.length,
            manifest.capabilityConstraints(),
            binary.importModules());
    report.compliance(compliance);
    if (!compliance.compliant()) {
      report.error(
          "runtime constraints failed: reason_codes=" + String.join(",", compliance.wire()));
    }
    if (!binary.importModules().equals(manifest.observedImportModules())) {
      report.fail(
          new WasmManifestException(
              IntegrityFailure.IMPORT_MODULES_MISMATCH,
              "import modules mismatch: recorded "
                  + manifest.observedImportModules()
                  + " observed "
                  + binary.importModules()));
    }
    return report.build();
  }

  /**
   * Loads a deliverable for use (the contract runner's {@code wasm_manifest}): {@link #inspect} and
   * refuse anything that is not compliant.
   *
   * @throws WasmManifestException with the first problem and every reason code
   */
  public static WasmManifest load(Path manifestPath) {
    InspectReport report = inspect(manifestPath);
    if (!report.compliant()) {
      throw report.failure();
    }
    return report.manifest().orElseThrow();
  }

  /**
   * The contract runner's view of {@link #load}: a case's {@code wasm_manifest} is verified with
   * the same rules as inspect.
   */
  public static WasmManifestLoader runnerLoader() {
    return manifestPath -> {
      WasmManifest manifest;
      try {
        manifest = load(manifestPath);
      } catch (WasmManifestException e) {
        throw new WasmManifestLoader.InvalidManifest(e.getMessage());
      }
      return new WasmManifestLoader.Manifest(
          manifest.runtimeProfile(),
          manifest.artifactPath(),
          manifest.artifactSha256(),
          manifest.artifactSizeBytes(),
          manifest.capabilityConstraints());
    };
  }

  /** The artifact named by a manifest: relative to the manifest's directory unless absolute. */
  public static Path artifactPath(Path manifestPath, WasmManifest manifest) {
    Path artifact = Path.of(manifest.artifactPath());
    if (artifact.isAbsolute()) {
      return artifact;
    }
    Path dir = manifestPath.getParent();
    return dir == null ? artifact : dir.resolve(artifact);
  }

  /** Keeps {@code [A-Za-z0-9._-]}, replaces anything else with {@code _}. */
  static String sanitize(String blueprintId) {
    StringBuilder out = new StringBuilder(blueprintId.length());
    for (char c : blueprintId.toCharArray()) {
      boolean keep =
          (c >= 'a' && c <= 'z')
              || (c >= 'A' && c <= 'Z')
              || (c >= '0' && c <= '9')
              || c == '.'
              || c == '_'
              || c == '-';
      out.append(keep ? c : '_');
    }
    return out.toString();
  }

  public static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK always provides SHA-256", e);
    }
  }

  static String pretty(JsonNode node) {
    return Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(node) + "\n";
  }

  static String list(List<String> values) {
    return values.isEmpty() ? "none" : String.join(",", values);
  }

  private static WasmManifest readManifest(Path manifestPath) {
    String text;
    try {
      text =
          new String(
              readCapped(manifestPath, MAX_MANIFEST_BYTES, "manifest"), StandardCharsets.UTF_8);
    } catch (IOException | InputException e) {
      throw new WasmManifestException(
          IntegrityFailure.MANIFEST_UNREADABLE,
          "cannot read manifest " + manifestPath + ": " + describe(e));
    }
    JsonNode node;
    try {
      node = Json.parse(text);
    } catch (IllegalArgumentException e) {
      throw new WasmManifestException(
          IntegrityFailure.MANIFEST_UNREADABLE,
          "manifest " + manifestPath + " is not JSON: " + e.getMessage());
    }
    return WasmManifest.fromJson(node);
  }

  private static byte[] readCapped(Path file, long cap, String what) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      byte[] bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, cap + 1));
      if (bytes.length > cap) {
        throw new InputException(what + " " + file + " is larger than " + cap + " bytes");
      }
      return bytes;
    }
  }

  private static String describe(Exception e) {
    if (e instanceof NoSuchFileException) {
      return "no such file";
    }
    return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
  }
}
