package dev.tau.deploy.wasm;

import dev.tau.core.json.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The smoke run over packaged deliverables: every {@code *.manifest.json} under the given
 * directories is verified ({@link WasmDeliverables#inspect}) and its artifact run in the {@link
 * WasmSandbox}. A deliverable passes when it verifies and runs to completion inside the limits.
 */
public final class WasmSmoke {
  /** One deliverable's result. */
  public record Entry(
      Path manifestPath,
      String blueprintId,
      String runtimeProfile,
      boolean passed,
      boolean ranStartExport,
      long instructions,
      String detail) {
    public ObjectNode toJson() {
      ObjectNode o = Json.object();
      o.put("manifest_path", manifestPath.toString());
      o.put("blueprint_id", blueprintId);
      o.put("runtime_profile", runtimeProfile);
      o.put("status", passed ? "pass" : "fail");
      o.put("ran_start_export", ranStartExport);
      o.put("instructions", instructions);
      o.put("detail", detail);
      return o;
    }

    public String toText() {
      return "wasm smoke: "
          + (passed ? "pass" : "fail")
          + " blueprint_id="
          + blueprintId
          + " runtime_profile="
          + runtimeProfile
          + " manifest_path="
          + manifestPath
          + " instructions="
          + instructions
          + " detail="
          + detail;
    }
  }

  /** All results. */
  public record Report(List<Entry> entries) {
    public Report {
      entries = List.copyOf(entries);
    }

    public boolean passed() {
      return entries.stream().allMatch(Entry::passed);
    }

    public long failures() {
      return entries.stream().filter(e -> !e.passed()).count();
    }

    public ObjectNode toJson() {
      ObjectNode o = Json.object();
      o.put("deliverables", entries.size());
      o.put("passed", entries.size() - failures());
      o.put("failed", failures());
      ArrayNode list = o.putArray("results");
      entries.forEach(e -> list.add(e.toJson()));
      return o;
    }

    public String summary() {
      return "wasm smoke summary: deliverables="
          + entries.size()
          + " passed="
          + (entries.size() - failures())
          + " failed="
          + failures();
    }
  }

  private final WasmSandbox sandbox;

  public WasmSmoke(WasmSandbox sandbox) {
    this.sandbox = Objects.requireNonNull(sandbox, "sandbox");
  }

  /** Runs every deliverable under {@code roots} (a missing root has none), sorted by path. */
  public Report run(List<Path> roots) throws IOException, InterruptedException {
    List<Path> manifests = new ArrayList<>();
    for (Path root : roots) {
      if (!Files.isDirectory(root)) {
        continue;
      }
      try (Stream<Path> files = Files.walk(root)) {
        files
            .filter(p -> p.getFileName().toString().endsWith(".manifest.json"))
            .filter(Files::isRegularFile)
            .forEach(manifests::add);
      } catch (UncheckedIOException e) {
        throw e.getCause();
      }
    }
    manifests.sort(null);
    List<Entry> entries = new ArrayList<>();
    for (Path manifest : manifests) {
      entries.add(runOne(manifest));
    }
    return new Report(entries);
  }

  Entry runOne(Path manifestPath) throws InterruptedException {
    InspectReport inspect = WasmDeliverables.inspect(manifestPath);
    String blueprint = inspect.manifest().map(WasmManifest::blueprintId).orElse("");
    String runtime = inspect.manifest().map(WasmManifest::runtimeProfile).orElse("");
    if (!inspect.compliant()) {
      return new Entry(
          manifestPath,
          blueprint,
          runtime,
          false,
          false,
          0,
          "verification failed: reason_codes="
              + String.join(",", inspect.reasonCodes())
              + " ("
              + String.join("; ", inspect.errors())
              + ")");
    }
    WasmManifest manifest = inspect.manifest().orElseThrow();
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(WasmDeliverables.artifactPath(manifestPath, manifest));
    } catch (IOException e) {
      return new Entry(
          manifestPath,
          blueprint,
          runtime,
          false,
          false,
          0,
          "cannot read artifact: " + e.getMessage());
    }
    WasmSandbox.Outcome outcome = sandbox.run(bytes);
    return new Entry(
        manifestPath,
        blueprint,
        runtime,
        outcome.passed(),
        outcome.ranStartExport(),
        outcome.instructions(),
        outcome.detail());
  }
}
