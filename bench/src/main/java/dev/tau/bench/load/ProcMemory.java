package dev.tau.bench.load;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * A process's resident memory from {@code /proc/<pid>/status}: {@code VmRSS} (resident now) and
 * {@code VmHWM} (the most it has ever been resident), both in KiB.
 *
 * @param rssKb resident set size now
 * @param hwmKb peak resident set size over the process's life
 */
public record ProcMemory(long rssKb, long hwmKb) {
  public ProcMemory {
    if (rssKb < 0 || hwmKb < 0) {
      throw new IllegalArgumentException("memory figures must not be negative");
    }
  }

  /** Reads the status of {@code pid}, or empty when the process is gone. */
  public static Optional<ProcMemory> of(long pid) {
    try {
      return Optional.of(parse(Files.readString(Path.of("/proc", Long.toString(pid), "status"))));
    } catch (NoSuchFileException gone) {
      return Optional.empty();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read /proc/" + pid + "/status", e);
    }
  }

  /**
   * Parses the text of a {@code /proc/<pid>/status} file.
   *
   * @throws IllegalArgumentException when {@code VmRSS} or {@code VmHWM} is missing (a kernel
   *     thread, or not Linux)
   */
  static ProcMemory parse(String status) {
    long rss = -1;
    long hwm = -1;
    for (String line : status.split("\n")) {
      if (line.startsWith("VmRSS:")) {
        rss = kilobytes(line);
      } else if (line.startsWith("VmHWM:")) {
        hwm = kilobytes(line);
      }
    }
    if (rss < 0 || hwm < 0) {
      throw new IllegalArgumentException("the status text has no VmRSS/VmHWM lines");
    }
    return new ProcMemory(rss, hwm);
  }

  private static long kilobytes(String line) {
    String[] fields = line.substring(line.indexOf(':') + 1).strip().split("\\s+");
    if (fields.length != 2 || !fields[1].equals("kB")) {
      throw new IllegalArgumentException("unexpected memory line '" + line + "'");
    }
    return Long.parseLong(fields[0]);
  }
}
