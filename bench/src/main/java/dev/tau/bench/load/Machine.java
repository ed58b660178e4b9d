package dev.tau.bench.load;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/** What the figures were measured on, read from {@code /proc} and the JVM. */
public final class Machine {
  private Machine() {}

  /** For example {@code 2 cores (AMD EPYC), 23.4 GiB, Linux 6.1, JDK 25.0.3 (Eclipse Adoptium)}. */
  public static String describe() {
    return String.format(
        Locale.ROOT,
        "%d cores (%s), %.1f GiB, Linux %s, JDK %s (%s), load average %.2f at start",
        Runtime.getRuntime().availableProcessors(),
        cpuModel(),
        memTotalKb() / 1024.0 / 1024.0,
        System.getProperty("os.version"),
        System.getProperty("java.version"),
        System.getProperty("java.vendor"),
        loadAverage());
  }

  /** The one-minute load average, or NaN when unknown. */
  public static double loadAverage() {
    try {
      return Double.parseDouble(Files.readString(Path.of("/proc/loadavg")).split("\\s+")[0]);
    } catch (IOException | RuntimeException e) {
      return Double.NaN;
    }
  }

  private static String cpuModel() {
    for (String line : lines("/proc/cpuinfo")) {
      if (line.startsWith("model name")) {
        return line.substring(line.indexOf(':') + 1).strip();
      }
    }
    return "unknown CPU";
  }

  private static long memTotalKb() {
    for (String line : lines("/proc/meminfo")) {
      if (line.startsWith("MemTotal:")) {
        return Long.parseLong(line.replaceAll("[^0-9]", ""));
      }
    }
    return 0;
  }

  private static List<String> lines(String file) {
    try {
      return Files.readAllLines(Path.of(file));
    } catch (IOException e) {
      return List.of();
    }
  }
}
