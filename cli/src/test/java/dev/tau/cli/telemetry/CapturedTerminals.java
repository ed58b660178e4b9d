package dev.tau.cli.telemetry;

import dev.tau.cli.Terminals;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;

/** Streams a test reads back. */
final class CapturedTerminals implements Terminals {
  final StringWriter outText = new StringWriter();
  final StringWriter errText = new StringWriter();
  private final PrintWriter out = new PrintWriter(outText, true);
  private final PrintWriter err = new PrintWriter(errText, true);

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
    return new ByteArrayInputStream(new byte[0]);
  }

  @Override
  public boolean stdinIsTerminal() {
    return false;
  }

  @Override
  public boolean stdoutIsTerminal() {
    return false;
  }
}
