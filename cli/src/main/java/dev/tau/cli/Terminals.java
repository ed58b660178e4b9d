package dev.tau.cli;

import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;

/**
 * The process's standard streams and whether they are terminals. Injected so tests run commands
 * with captured streams.
 */
public interface Terminals {
  PrintWriter out();

  PrintWriter err();

  InputStream in();

  /** Whether stdin is an interactive terminal (then {@code ask} does not read it). */
  boolean stdinIsTerminal();

  /** Whether stdout is an interactive terminal (then text streams and may be coloured). */
  boolean stdoutIsTerminal();

  /** The real process streams. */
  final class System implements Terminals {
    private final PrintWriter out =
        new PrintWriter(
            new java.io.OutputStreamWriter(java.lang.System.out, StandardCharsets.UTF_8), true);
    private final PrintWriter err =
        new PrintWriter(
            new java.io.OutputStreamWriter(java.lang.System.err, StandardCharsets.UTF_8), true);

    @Override
    public PrintWriter out() {
      return out;
    }

    @Override
    public PrintWriter err() {
      return err;
    }

    @Override
    public InputStream in() {
      return java.lang.System.in;
    }

    @Override
    public boolean stdinIsTerminal() {
      return isTty(0);
    }

    @Override
    public boolean stdoutIsTerminal() {
      return isTty(1);
    }

    /** Linux: a descriptor is a terminal when it links to a tty device; elsewhere ask Console. */
    private static boolean isTty(int fd) {
      try {
        String target =
            java.nio.file.Files.readSymbolicLink(java.nio.file.Path.of("/proc/self/fd/" + fd))
                .toString();
        return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty");
      } catch (java.io.IOException | UnsupportedOperationException e) {
        java.io.Console console = java.lang.System.console();
        return console != null && console.isTerminal();
      }
    }
  }
}
