package dev.tau.core.tool;

import dev.tau.core.provider.Cancellation;
import java.nio.file.Path;
import java.util.Objects;

/**
 * What a tool may use while it runs.
 *
 * @param workspace the real (symlink-resolved) root every path must stay inside
 * @param cancellation the turn's cancellation signal
 */
public record ToolContext(Path workspace, Cancellation cancellation) {
  public ToolContext {
    Objects.requireNonNull(workspace, "workspace");
    Objects.requireNonNull(cancellation, "cancellation");
  }
}
