package dev.tau.channels;

import dev.tau.core.error.InputException;
import java.nio.file.Path;

/**
 * A channel policy, allowlist, pairing, trust-root or route-binding file is unreadable or invalid.
 * The message names the file and the field; the operator fixes the file.
 */
public final class PolicyFileException extends InputException {
  private final Path file;

  public PolicyFileException(Path file, String problem) {
    super(file + ": " + problem);
    this.file = file;
  }

  public Path file() {
    return file;
  }
}
