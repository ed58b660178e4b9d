package dev.tau.core.model;

/** Who authored a message. Serialised lower-case. */
public enum Role {
  SYSTEM,
  USER,
  ASSISTANT,
  TOOL;

  public String wire() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }

  public static Role fromWire(String value) {
    for (Role role : values()) {
      if (role.wire().equals(value)) {
        return role;
      }
    }
    throw new IllegalArgumentException("unknown role '" + value + "'");
  }
}
