package dev.tau.gateway.a2a;

import java.util.Locale;
import java.util.Optional;

/**
 * The A2A protocol line a request speaks, chosen by its {@code A2A-Version} header: absent or
 * {@code 0.3} is v0.3 ({@code message/send}, kebab-case states, {@code kind} discriminators);
 * {@code 1.0} is v1.0 ({@code SendMessage}, {@code TASK_STATE_*} states, member-named wrappers).
 */
public enum A2aVersion {
  V0_3("0.3"),
  V1_0("1.0");

  /** The request header that selects the version. */
  public static final String HEADER = "A2A-Version";

  private final String label;

  A2aVersion(String label) {
    this.label = label;
  }

  public String label() {
    return label;
  }

  /** The version a header value names, or empty when it names none Tau speaks. */
  public static Optional<A2aVersion> fromHeader(String header) {
    if (header == null || header.isBlank()) {
      return Optional.of(V0_3);
    }
    String v = header.strip().toLowerCase(Locale.ROOT);
    if (v.startsWith("v")) {
      v = v.substring(1);
    }
    return switch (v) {
      case "0.3", "0.3.0" -> Optional.of(V0_3);
      case "1", "1.0", "1.0.0" -> Optional.of(V1_0);
      default -> Optional.empty();
    };
  }
}
