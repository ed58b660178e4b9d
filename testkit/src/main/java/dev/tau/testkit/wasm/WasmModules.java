package dev.tau.testkit.wasm;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Builds small, valid WebAssembly binaries for tests, so no test needs {@code wat2wasm}: modules
 * with no imports, {@code wasi:*} (preview-2 namespace) imports, {@code env} only, legacy {@code
 * wasi_snapshot_preview1} imports, an oversize data section, and broken binaries (truncated,
 * corrupt). Every function has the type {@code () -> ()}; the bodies are raw instruction bytes.
 */
public final class WasmModules {
  /** {@code \0asm} followed by binary format version 1. */
  static final byte[] HEADER = {0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00};

  /** {@code i32.const 0; i32.const 42; i32.store}: writes 42 at address 0 (needs a memory). */
  public static final byte[] STORE_42 = {0x41, 0x00, 0x41, 0x2a, 0x36, 0x02, 0x00};

  /** {@code loop; br 0; end}: never returns. */
  public static final byte[] INFINITE_LOOP = {0x03, 0x40, 0x0c, 0x00, 0x0b};

  /** {@code unreachable}: traps. */
  public static final byte[] TRAP = {0x00};

  /** {@code call 0}: calls the first imported function. */
  public static final byte[] CALL_FIRST_IMPORT = {0x10, 0x00};

  private WasmModules() {}

  public static Builder builder() {
    return new Builder();
  }

  /** The smallest valid module: the 8-byte header and no sections. */
  public static byte[] headerOnly() {
    return HEADER.clone();
  }

  /** A memory and an exported {@code _start} that stores 42; no imports. */
  public static byte[] noImports() {
    return builder().memory(1, 1).function("_start", STORE_42).build();
  }

  /** Imports {@code wasi:cli/environment@0.2.0#get-environment} and exports {@code _start}. */
  public static byte[] wasiPreview2() {
    return builder()
        .importFunction("wasi:cli/environment@0.2.0", "get-environment")
        .importFunction("wasi:clocks/monotonic-clock@0.2.0", "now")
        .memory(1, 1)
        .function("_start", STORE_42)
        .build();
  }

  /** Imports only from {@code env}. */
  public static byte[] envOnly() {
    return builder().importFunction("env", "log").memory(1, 1).function("_start", STORE_42).build();
  }

  /** Imports the legacy {@code wasi_snapshot_preview1} ABI. */
  public static byte[] wasiPreview1() {
    return builder()
        .importFunction("wasi_snapshot_preview1", "fd_write")
        .function("_start", new byte[0])
        .build();
  }

  /**
   * The runbook's {@code edge-runtime.wasm}: a {@code wasi:*} clock import, a one-page memory and a
   * {@code _start} that stores 42 without calling the import, so it passes both runtime profiles
   * and the sandboxed smoke run.
   */
  public static byte[] edgeRuntime() {
    return builder()
        .importFunction("wasi:clocks/monotonic-clock@0.2.0", "now")
        .memory(1, 1)
        .function("_start", STORE_42)
        .custom("producers", "tau-testkit".getBytes(StandardCharsets.UTF_8))
        .build();
  }

  /**
   * A valid {@code wasi:*} module of at least {@code minBytes} bytes: the bulk is one active data
   * segment in a memory large enough to hold it.
   */
  public static byte[] oversize(int minBytes) {
    int pages = minBytes / 65_536 + 1;
    return builder()
        .importFunction("wasi:cli/environment@0.2.0", "get-environment")
        .memory(pages, pages)
        .function("_start", STORE_42)
        .data(new byte[minBytes])
        .build();
  }

  /** A valid module cut in the middle of its code section. */
  public static byte[] truncated() {
    byte[] whole = wasiPreview2();
    return Arrays.copyOf(whole, whole.length - 3);
  }

  /** The right header followed by a section with an id WebAssembly does not define. */
  public static byte[] corrupt() {
    byte[] whole = wasiPreview2();
    byte[] out = Arrays.copyOf(whole, whole.length + 3);
    out[whole.length] = 0x7f;
    out[whole.length + 1] = 0x01;
    out[whole.length + 2] = 0x00;
    return out;
  }

  /** Not WebAssembly at all (an ELF header). */
  public static byte[] wrongMagic() {
    return new byte[] {0x7f, 0x45, 0x4c, 0x46, 0x02, 0x01, 0x01, 0x00};
  }

  /** Builds a module from function imports, one memory, functions, a data segment, a start. */
  public static final class Builder {
    private final List<String[]> imports = new ArrayList<>();
    private final List<String> exportNames = new ArrayList<>();
    private final List<byte[]> bodies = new ArrayList<>();
    private final List<byte[]> customs = new ArrayList<>();
    private int memoryMin = -1;
    private int memoryMax = -1;
    private byte[] data;
    private String start;

    private Builder() {}

    /** Imports a {@code () -> ()} function {@code module.name}. */
    public Builder importFunction(String module, String name) {
      imports.add(new String[] {module, name});
      return this;
    }

    /** One memory of {@code min} pages, at most {@code max} (negative: no maximum). */
    public Builder memory(int min, int max) {
      this.memoryMin = min;
      this.memoryMax = max;
      return this;
    }

    /** A {@code () -> ()} function with this body, exported under {@code exportName}. */
    public Builder function(String exportName, byte[] body) {
      exportNames.add(exportName);
      bodies.add(body.clone());
      return this;
    }

    /** Runs the exported function {@code exportName} as the module's start function. */
    public Builder start(String exportName) {
      this.start = exportName;
      return this;
    }

    /** One active data segment at address 0 of memory 0. */
    public Builder data(byte[] bytes) {
      this.data = bytes.clone();
      return this;
    }

    public Builder custom(String name, byte[] payload) {
      ByteArrayOutputStream content = new ByteArrayOutputStream();
      name(content, name);
      content.writeBytes(payload);
      customs.add(content.toByteArray());
      return this;
    }

    public byte[] build() {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      out.writeBytes(HEADER);
      // type 0: () -> ()
      section(out, 1, new byte[] {0x01, 0x60, 0x00, 0x00});
      if (!imports.isEmpty()) {
        ByteArrayOutputStream s = new ByteArrayOutputStream();
        u32(s, imports.size());
        for (String[] imp : imports) {
          name(s, imp[0]);
          name(s, imp[1]);
          s.write(0x00); // function
          u32(s, 0);
        }
        section(out, 2, s.toByteArray());
      }
      if (!bodies.isEmpty()) {
        ByteArrayOutputStream s = new ByteArrayOutputStream();
        u32(s, bodies.size());
        bodies.forEach(b -> u32(s, 0));
        section(out, 3, s.toByteArray());
      }
      if (memoryMin >= 0) {
        ByteArrayOutputStream s = new ByteArrayOutputStream();
        u32(s, 1);
        if (memoryMax >= 0) {
          s.write(0x01);
          u32(s, memoryMin);
          u32(s, memoryMax);
        } else {
          s.write(0x00);
          u32(s, memoryMin);
        }
        section(out, 5, s.toByteArray());
      }
      if (!exportNames.isEmpty()) {
        ByteArrayOutputStream s = new ByteArrayOutputStream();
        u32(s, exportNames.size());
        for (int i = 0; i < exportNames.size(); i++) {
          name(s, exportNames.get(i));
          s.write(0x00); // function
          u32(s, imports.size() + i);
        }
        section(out, 7, s.toByteArray());
      }
      if (start != null) {
        int index = exportNames.indexOf(start);
        if (index < 0) {
          throw new IllegalStateException("start function " + start + " is not defined");
        }
        ByteArrayOutputStream s = new ByteArrayOutputStream();
        u32(s, imports.size() + index);
        section(out, 8, s.toByteArray());
      }
      if (!bodies.isEmpty()) {
        ByteArrayOutputStream s = new ByteArrayOutputStream();
        u32(s, bodies.size());
        for (byte[] body : bodies) {
          ByteArrayOutputStream f = new ByteArrayOutputStream();
          u32(f, 0); // no locals
          f.writeBytes(body);
          f.write(0x0b); // end
          u32(s, f.size());
          s.writeBytes(f.toByteArray());
        }
        section(out, 10, s.toByteArray());
      }
      if (data != null) {
        ByteArrayOutputStream s = new ByteArrayOutputStream();
        u32(s, 1);
        s.write(0x00); // active, memory 0
        s.writeBytes(new byte[] {0x41, 0x00, 0x0b}); // offset: i32.const 0; end
        u32(s, data.length);
        s.writeBytes(data);
        section(out, 11, s.toByteArray());
      }
      customs.forEach(c -> section(out, 0, c));
      return out.toByteArray();
    }

    private static void section(ByteArrayOutputStream out, int id, byte[] content) {
      out.write(id);
      u32(out, content.length);
      out.writeBytes(content);
    }

    private static void name(ByteArrayOutputStream out, String value) {
      byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
      u32(out, utf8.length);
      out.writeBytes(utf8);
    }

    /** Unsigned LEB128. */
    private static void u32(ByteArrayOutputStream out, long value) {
      long v = value;
      do {
        int b = (int) (v & 0x7f);
        v >>>= 7;
        out.write(v != 0 ? b | 0x80 : b);
      } while (v != 0);
    }
  }
}
