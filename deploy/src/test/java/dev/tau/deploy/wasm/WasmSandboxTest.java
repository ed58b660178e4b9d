package dev.tau.deploy.wasm;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tau.testkit.wasm.WasmModules;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class WasmSandboxTest {
  private final WasmSandbox sandbox =
      new WasmSandbox(new WasmSandbox.Limits(1_000_000, Duration.ofSeconds(5), 16));

  @Test
  void runsTheStartExportOfAWellBehavedModule() throws Exception {
    WasmSandbox.Outcome outcome = sandbox.run(WasmModules.edgeRuntime());
    assertThat(outcome.passed()).as(outcome.detail()).isTrue();
    assertThat(outcome.ranStartExport()).isTrue();
    assertThat(outcome.instructions()).isPositive();
  }

  @Test
  void aModuleWithoutStartExportPassesOnInstantiation() throws Exception {
    WasmSandbox.Outcome outcome = sandbox.run(WasmModules.headerOnly());
    assertThat(outcome.passed()).isTrue();
    assertThat(outcome.ranStartExport()).isFalse();
  }

  @Test
  void anEndlessLoopIsStoppedByTheInstructionBudget() throws Exception {
    byte[] bytes = WasmModules.builder().function("_start", WasmModules.INFINITE_LOOP).build();
    WasmSandbox.Outcome outcome = sandbox.run(bytes);
    assertThat(outcome.passed()).isFalse();
    assertThat(outcome.detail()).contains("instruction budget");
  }

  @Test
  void anEndlessLoopIsStoppedByTheTimeBudget() throws Exception {
    WasmSandbox slow =
        new WasmSandbox(new WasmSandbox.Limits(Long.MAX_VALUE, Duration.ofMillis(200), 16));
    byte[] bytes = WasmModules.builder().function("_start", WasmModules.INFINITE_LOOP).build();
    long started = System.nanoTime();
    WasmSandbox.Outcome outcome = slow.run(bytes);
    assertThat(outcome.passed()).isFalse();
    assertThat(outcome.detail()).contains("time budget");
    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(2));
  }

  @Test
  void anInfiniteStartSectionIsStoppedToo() throws Exception {
    byte[] bytes =
        WasmModules.builder().function("init", WasmModules.INFINITE_LOOP).start("init").build();
    assertThat(sandbox.run(bytes).passed()).isFalse();
  }

  @Test
  void callingAHostImportTrapsBecauseNoCapabilityIsGranted() throws Exception {
    byte[] bytes =
        WasmModules.builder()
            .importFunction("wasi:filesystem/types@0.2.0", "open-at")
            .function("_start", WasmModules.CALL_FIRST_IMPORT)
            .build();
    WasmSandbox.Outcome outcome = sandbox.run(bytes);
    assertThat(outcome.passed()).isFalse();
    assertThat(outcome.detail())
        .contains("host capability not granted: wasi:filesystem/types@0.2.0.open-at");
  }

  @Test
  void aTrapFailsTheRun() throws Exception {
    byte[] bytes = WasmModules.builder().function("_start", WasmModules.TRAP).build();
    WasmSandbox.Outcome outcome = sandbox.run(bytes);
    assertThat(outcome.passed()).isFalse();
    assertThat(outcome.detail()).startsWith("trapped");
  }

  @Test
  void aMemoryLargerThanTheLimitIsRefused() throws Exception {
    byte[] bytes = WasmModules.builder().memory(64, 64).function("_start", new byte[0]).build();
    WasmSandbox.Outcome outcome = sandbox.run(bytes);
    assertThat(outcome.passed()).isFalse();
    assertThat(outcome.detail()).contains("memory needs 64 pages");
  }

  @Test
  void memoryGrowBeyondTheLimitFails() throws Exception {
    // memory.grow(1000) returns -1 when refused; compare and trap on failure
    byte[] body = {0x41, (byte) 0xe8, 0x07, 0x40, 0x00, 0x41, 0x7f, 0x46, 0x04, 0x40, 0x00, 0x0b};
    byte[] bytes = WasmModules.builder().memory(1, -1).function("_start", body).build();
    WasmSandbox.Outcome outcome = sandbox.run(bytes);
    assertThat(outcome.passed()).isFalse();
    assertThat(outcome.detail()).startsWith("trapped");
  }
}
