package dev.tau.deploy.wasm;

import com.dylibso.chicory.wasm.ChicoryException;
import com.dylibso.chicory.wasm.Parser;
import com.dylibso.chicory.wasm.WasmModule;
import com.dylibso.chicory.wasm.types.ExportSection;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * A WebAssembly binary checked by a full, validating parse. The parse is Chicory's ({@code
 * com.dylibso.chicory:wasm}): a pure-Java implementation of the WebAssembly core specification that
 * decodes every section (not only the header and the import section) and validates the function
 * bodies against their types, so a truncated section, an unknown section id or an ill-typed body is
 * refused here rather than at deployment. The same library runs deliverables in the smoke harness
 * ({@link WasmSandbox}), so packaging and running agree on what a valid module is.
 *
 * @param importModules the sorted, de-duplicated module names of every import (tau-spec §4.8.1)
 * @param exports the export names in declaration order
 * @param hasStartSection whether the module declares a start function
 */
public record WasmBinary(
    List<String> importModules, List<String> exports, boolean hasStartSection) {
  /** {@code \0asm}. */
  private static final byte[] MAGIC = {0x00, 0x61, 0x73, 0x6d};

  /**
   * Chicory prefixes malformed-binary messages with the spec test suite's alternatives; the
   * specific cause follows them.
   */
  private static final String CHICORY_PREFIX =
      "section size mismatch, unexpected end of section or function, ";

  public WasmBinary {
    importModules = List.copyOf(importModules);
    exports = List.copyOf(exports);
  }

  /**
   * Parses and validates {@code bytes}.
   *
   * @throws WasmManifestException ({@link IntegrityFailure#WASM_MODULE_INVALID}) naming the problem
   */
  public static WasmBinary parse(byte[] bytes) {
    checkMagic(bytes);
    WasmModule module;
    try {
      module = Parser.parse(bytes);
    } catch (ChicoryException e) {
      throw invalid(clean(e.getMessage()), e);
    } catch (RuntimeException e) {
      // a decoder failure on hostile input (an index or length past the end) is still a bad module
      throw invalid(
          e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()), e);
    }
    TreeSet<String> modules = new TreeSet<>();
    module.importSection().stream().forEach(i -> modules.add(i.module()));
    List<String> exports = new ArrayList<>();
    ExportSection section = module.exportSection();
    for (int i = 0; i < section.exportCount(); i++) {
      exports.add(section.getExport(i).name());
    }
    return new WasmBinary(new ArrayList<>(modules), exports, module.startSection().isPresent());
  }

  /** Checks only the magic header (tau-spec §4.8.1 step 2, with its messages). */
  static void checkMagic(byte[] bytes) {
    if (bytes.length < MAGIC.length) {
      throw new WasmManifestException(IntegrityFailure.WASM_MODULE_INVALID, "file is too small");
    }
    for (int i = 0; i < MAGIC.length; i++) {
      if (bytes[i] != MAGIC[i]) {
        throw new WasmManifestException(
            IntegrityFailure.WASM_MODULE_INVALID, "invalid wasm module magic");
      }
    }
  }

  private static WasmManifestException invalid(String detail, Throwable cause) {
    return new WasmManifestException(
        IntegrityFailure.WASM_MODULE_INVALID, "invalid WebAssembly module: " + detail, cause);
  }

  private static String clean(String message) {
    if (message == null || message.isBlank()) {
      return "malformed binary";
    }
    return message.startsWith(CHICORY_PREFIX)
        ? message.substring(CHICORY_PREFIX.length())
        : message;
  }
}
