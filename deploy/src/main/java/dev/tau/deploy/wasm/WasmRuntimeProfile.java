package dev.tau.deploy.wasm;

import dev.tau.core.error.InputException;
import java.util.Locale;
import java.util.Optional;

/**
 * The runtime profiles a WASM deliverable can target (tau-spec §4.8.3). The wire value is
 * snake_case ({@code wasm_wasi}); the CLI also takes the kebab-case form ({@code wasm-wasi}).
 */
public enum WasmRuntimeProfile {
  WASM_WASI("wasm_wasi"),
  CHANNEL_AUTOMATION_WASI("channel_automation_wasi");

  private final String wire;

  WasmRuntimeProfile(String wire) {
    this.wire = wire;
  }

  public String wire() {
    return wire;
  }

  /** The profile for a wire value ({@code wasm_wasi}), or empty. */
  public static Optional<WasmRuntimeProfile> fromWire(String value) {
    for (WasmRuntimeProfile p : values()) {
      if (p.wire.equals(value)) {
        return Optional.of(p);
      }
    }
    return Optional.empty();
  }

  /** The profile for a CLI value: {@code wasm-wasi} or {@code wasm_wasi}, any case. */
  public static WasmRuntimeProfile parseCli(String value) {
    String normal = value.strip().toLowerCase(Locale.ROOT).replace('-', '_');
    return fromWire(normal)
        .orElseThrow(
            () ->
                new InputException(
                    "unsupported wasm runtime profile '"
                        + value.strip()
                        + "' (expected wasm-wasi or channel-automation-wasi)"));
  }
}
