package dev.tau.bench.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tau.deploy.runner.CaseEvaluator;
import dev.tau.deploy.runner.DeploymentCase;
import dev.tau.deploy.wasm.WasmDeliverables;
import dev.tau.deploy.wasm.WasmRuntimeProfile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DeploymentThroughputTest {
  @Test
  void buildsAValidModuleOfExactlyTwoMebibytesThatPackagingAccepts(@TempDir Path dir)
      throws Exception {
    byte[] module = DeploymentThroughput.moduleOfExactly(2 * 1024 * 1024);
    assertThat(module).hasSize(2 * 1024 * 1024);
    Path file = dir.resolve("m.wasm");
    Files.write(file, module);
    var report =
        new WasmDeliverables(Clock.systemUTC())
            .pack(
                new WasmDeliverables.PackageRequest(
                    file,
                    "bp",
                    WasmRuntimeProfile.WASM_WASI,
                    dir.resolve("out"),
                    dir.resolve("state")));
    assertThat(report.reasonCodes()).isEmpty();
    assertThat(WasmDeliverables.inspect(report.manifestPath()).compliant()).isTrue();
  }

  @Test
  void everyGeneratedCaseMatchesWhatTheEvaluatorObserves() {
    CaseEvaluator evaluator =
        new CaseEvaluator(
            manifest -> {
              throw new IllegalStateException("no manifests");
            },
            Path.of("."));
    var cases = DeploymentThroughput.cases(200, 7, 1);
    for (DeploymentCase c : cases) {
      evaluator.evaluate(c).requireMatches(c);
    }
    assertThat(cases.stream().map(DeploymentCase::key).distinct()).hasSize(200);
  }

  @Test
  void rejectsNonPositiveCounts() {
    assertThatThrownBy(() -> DeploymentThroughput.Options.parse(new String[] {"--cases", "0"}))
        .hasMessageContaining("--cases");
    assertThatThrownBy(() -> DeploymentThroughput.Options.parse(new String[] {"--runs", "x"}))
        .hasMessageContaining("--runs must be a number");
  }
}
