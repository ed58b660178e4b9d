package dev.tau.agent.policy;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** Which tool calls need a person's approval before they run. */
public enum ConfirmationMode {
  /** No tool call needs approval. */
  NEVER("never"),
  /** Only tools that come from MCP servers need approval. */
  MCP_ONLY("mcp-only"),
  /** Every tool call needs approval (unless the tool is on the approve list). */
  ALWAYS("always");

  private final String wire;

  ConfirmationMode(String wire) {
    this.wire = wire;
  }

  /** The name used in flags and config files: {@code never}, {@code mcp-only}, {@code always}. */
  public String wire() {
    return wire;
  }

  /**
   * Parses a wire name (case-insensitive).
   *
   * @throws IllegalArgumentException naming the accepted values
   */
  public static ConfirmationMode fromWire(String value) {
    String v = value == null ? "" : value.strip().toLowerCase(Locale.ROOT);
    for (ConfirmationMode mode : values()) {
      if (mode.wire.equals(v)) {
        return mode;
      }
    }
    throw new IllegalArgumentException(
        "tool confirmation mode '"
            + value
            + "' is not one of "
            + Arrays.stream(values())
                .map(ConfirmationMode::wire)
                .collect(Collectors.joining(", ")));
  }

  @Override
  public String toString() {
    return wire;
  }
}
