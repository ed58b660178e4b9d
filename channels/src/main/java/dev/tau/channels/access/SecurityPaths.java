package dev.tau.channels.access;

import java.nio.file.Path;
import java.util.Set;

/** Where security files live (tau-spec §0.2, the security-file root rule). */
public final class SecurityPaths {
  private static final Set<String> NESTED =
      Set.of("github", "slack", "events", "channel-store", "multi-channel");

  private SecurityPaths() {}

  /**
   * The tau root of a state dir: its parent when the dir's name is {@code github}, {@code slack},
   * {@code events}, {@code channel-store} or {@code multi-channel}; otherwise the dir itself.
   */
  public static Path tauRoot(Path stateDir) {
    Path name = stateDir.getFileName();
    Path parent = stateDir.getParent();
    if (name != null && NESTED.contains(name.toString())) {
      return parent == null ? Path.of("") : parent;
    }
    return stateDir;
  }

  /** {@code <tau_root>/security}. */
  public static Path securityDir(Path stateDir) {
    return tauRoot(stateDir).resolve("security");
  }
}
