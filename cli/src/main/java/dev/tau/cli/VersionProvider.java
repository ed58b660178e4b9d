package dev.tau.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import picocli.CommandLine.IVersionProvider;

/** Reads the version Maven wrote into {@code tau-version.properties}. */
public final class VersionProvider implements IVersionProvider {

  /** The project version, or {@code unknown} when run from unpackaged classes. */
  public static String version() {
    Properties props = new Properties();
    try (InputStream in = VersionProvider.class.getResourceAsStream("/tau-version.properties")) {
      if (in != null) {
        props.load(in);
      }
    } catch (IOException e) {
      return "unknown";
    }
    return props.getProperty("version", "unknown");
  }

  @Override
  public String[] getVersion() {
    return new String[] {
      "tau " + version(),
      "java " + Runtime.version() + " (" + System.getProperty("java.vendor", "?") + ")"
    };
  }
}
