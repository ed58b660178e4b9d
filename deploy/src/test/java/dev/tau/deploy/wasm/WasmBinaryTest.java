package dev.tau.deploy.wasm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tau.testkit.wasm.WasmModules;
import org.junit.jupiter.api.Test;

class WasmBinaryTest {
  @Test
  void headerOnlyModuleHasNoImports() {
    assertThat(WasmBinary.parse(WasmModules.headerOnly()).importModules()).isEmpty();
  }

  @Test
  void collectsSortedDistinctImportModulesFromTheImportSection() {
    byte[] bytes =
        WasmModules.builder()
            .importFunction("wasi:io/streams@0.2.0", "write")
            .importFunction("env", "log")
            .importFunction("wasi:io/streams@0.2.0", "read")
            .function("_start", new byte[0])
            .build();
    WasmBinary binary = WasmBinary.parse(bytes);
    assertThat(binary.importModules()).containsExactly("env", "wasi:io/streams@0.2.0");
    assertThat(binary.exports()).containsExactly("_start");
  }

  @Test
  void eachTestModuleReportsItsImports() {
    assertThat(WasmBinary.parse(WasmModules.noImports()).importModules()).isEmpty();
    assertThat(WasmBinary.parse(WasmModules.wasiPreview2()).importModules())
        .containsExactly("wasi:cli/environment@0.2.0", "wasi:clocks/monotonic-clock@0.2.0");
    assertThat(WasmBinary.parse(WasmModules.envOnly()).importModules()).containsExactly("env");
    assertThat(WasmBinary.parse(WasmModules.wasiPreview1()).importModules())
        .containsExactly("wasi_snapshot_preview1");
  }

  @Test
  void refusesTooSmallAndWrongMagicWithTheSpecMessages() {
    assertThatThrownBy(() -> WasmBinary.parse(new byte[] {0x00, 0x61}))
        .hasMessage("file is too small");
    assertThatThrownBy(() -> WasmBinary.parse(WasmModules.wrongMagic()))
        .hasMessage("invalid wasm module magic");
  }

  @Test
  void aTruncatedSectionIsRefusedEvenWithTheRightHeader() {
    assertThatThrownBy(() -> WasmBinary.parse(WasmModules.truncated()))
        .isInstanceOf(WasmManifestException.class)
        .hasMessageStartingWith("invalid WebAssembly module: ")
        .satisfies(
            e ->
                assertThat(((WasmManifestException) e).reasonCodes())
                    .containsExactly("wasm_module_invalid"));
  }

  @Test
  void anUnknownSectionIdIsRefused() {
    assertThatThrownBy(() -> WasmBinary.parse(WasmModules.corrupt()))
        .isInstanceOf(WasmManifestException.class)
        .hasMessageContaining("malformed section id");
  }

  @Test
  void anIllTypedFunctionBodyIsRefusedByValidation() {
    // () -> () whose body leaves an i32 on the stack: well-formed bytes, invalid module
    byte[] bytes = WasmModules.builder().function("_start", new byte[] {0x41, 0x07}).build();
    assertThatThrownBy(() -> WasmBinary.parse(bytes))
        .isInstanceOf(WasmManifestException.class)
        .hasMessageContaining("type mismatch");
  }

  @Test
  void aWrongBinaryVersionIsRefused() {
    byte[] bytes = WasmModules.headerOnly();
    bytes[4] = 0x02;
    assertThatThrownBy(() -> WasmBinary.parse(bytes))
        .hasMessageContaining("unknown binary version");
  }
}
