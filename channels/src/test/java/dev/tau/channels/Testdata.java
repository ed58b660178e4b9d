package dev.tau.channels;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The runbook's testdata, at the paths the runbook names (relative to the repository root). */
public final class Testdata {
  public static final Path ROOT = Path.of("..", "crates", "tau-coding-agent", "testdata");
  public static final Path LIVE = ROOT.resolve("multi-channel-live-ingress");
  public static final Path CONTRACT = ROOT.resolve("multi-channel-contract");

  private Testdata() {}

  public static String read(Path path) {
    try {
      return Files.readString(path);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
