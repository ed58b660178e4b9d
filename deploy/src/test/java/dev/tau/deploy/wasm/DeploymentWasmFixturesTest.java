package dev.tau.deploy.wasm;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tau.testkit.wasm.WasmModules;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The modules the runbook's commands name are the testkit's, byte for byte. */
class DeploymentWasmFixturesTest {
  private static final Path DIR = Path.of("..", "crates/tau-coding-agent/testdata/deployment-wasm");

  @Test
  void edgeRuntimeFixtureIsTheTestkitModuleAndCompliantForBothProfiles() throws Exception {
    byte[] bytes = Files.readAllBytes(DIR.resolve("edge-runtime.wasm"));
    assertThat(bytes).isEqualTo(WasmModules.edgeRuntime());
    WasmBinary binary = WasmBinary.parse(bytes);
    for (WasmRuntimeProfile profile : WasmRuntimeProfile.values()) {
      Compliance.Result r =
          Compliance.evaluate(
              RuntimeConstraints.forProfile(profile),
              profile.wire(),
              bytes.length,
              RuntimeConstraints.capabilityConstraints(profile),
              binary.importModules());
      assertThat(r.reasons()).isEmpty();
    }
  }

  @Test
  void legacyFixtureIsTheTestkitPreview1Module() throws Exception {
    assertThat(Files.readAllBytes(DIR.resolve("legacy-wasi-preview1.wasm")))
        .isEqualTo(WasmModules.wasiPreview1());
  }
}
