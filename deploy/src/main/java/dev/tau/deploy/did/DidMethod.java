package dev.tau.deploy.did;

import java.util.Locale;
import java.util.Optional;

/** The DID methods the browser DID bootstrap emits. */
public enum DidMethod {
  KEY("key"),
  WEB("web");

  private final String wire;

  DidMethod(String wire) {
    this.wire = wire;
  }

  public String wire() {
    return wire;
  }

  /** {@code key} or {@code web}, any case, surrounding blanks ignored. */
  public static Optional<DidMethod> parse(String value) {
    String normal = value.strip().toLowerCase(Locale.ROOT);
    for (DidMethod m : values()) {
      if (m.wire.equals(normal)) {
        return Optional.of(m);
      }
    }
    return Optional.empty();
  }
}
