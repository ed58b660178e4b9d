package dev.tau.gateway.status;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Where the {@code multi_channel} status block reads from: the runner's state dir ({@code
 * state.json}, {@code runtime-events.jsonl}) and the connector state file. By default {@code
 * <tau_root>/multi-channel/}; when the gateway hosts the channels, the paths they really use.
 */
public record MultiChannelSources(Path stateDir, Path connectorsState) {
  public MultiChannelSources {
    Objects.requireNonNull(stateDir, "stateDir");
    Objects.requireNonNull(connectorsState, "connectorsState");
  }

  /** {@code <tau_root>/multi-channel} and its {@code live-connectors-state.json}. */
  public static MultiChannelSources defaults(Path tauRoot) {
    Path dir = tauRoot.resolve("multi-channel");
    return new MultiChannelSources(dir, dir.resolve("live-connectors-state.json"));
  }
}
