package dev.tau.cli.telemetry;

import dev.tau.cli.Failure;
import dev.tau.cli.config.TauSettings;
import dev.tau.telemetry.JsonlTelemetry;
import dev.tau.telemetry.RunId;
import dev.tau.telemetry.Telemetry;
import dev.tau.telemetry.TelemetryEvent;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.ParseResult;

/**
 * The command lifecycle events, emitted in one place around every command: {@code command.started}
 * before it runs, then {@code command.completed} (exit 0) or {@code command.failed} (an exception
 * or a non-zero exit code) with {@code duration_ms}.
 */
public final class CommandTelemetry {
  private CommandTelemetry() {}

  /**
   * The sink for a command run: a {@link JsonlTelemetry} at the settings' {@code telemetry_path}
   * (relative paths against {@code workingDir}), or {@link Telemetry#disabled()} when {@code
   * telemetry_enabled} is false.
   */
  public static Telemetry sink(
      TauSettings settings, String command, Path workingDir, Clock clock, PrintWriter warnings) {
    if (!Boolean.TRUE.equals(settings.telemetryEnabled().value())) {
      return Telemetry.disabled();
    }
    Path file = workingDir.resolve(settings.telemetryPath().value());
    String sessionId = settings.sessionId().value() == null ? "" : settings.sessionId().value();
    return new JsonlTelemetry(
        file,
        RunId.forThisProcess(clock),
        command,
        sessionId,
        clock,
        line -> {
          warnings.println(line);
          warnings.flush();
        });
  }

  /**
   * The command label: subcommand names joined by dots ({@code sessions.prune}); {@code tau} for
   * the root.
   */
  public static String label(ParseResult parsed) {
    List<String> names = new ArrayList<>();
    for (ParseResult p = parsed.subcommand(); p != null; p = p.subcommand()) {
      names.add(p.commandSpec().name());
    }
    return names.isEmpty() ? "tau" : String.join(".", names);
  }

  /** The {@code command.started} payload (lower-case labels, no secrets). */
  public static Map<String, Object> started(TauSettings settings) {
    Map<String, Object> fields = new LinkedHashMap<>();
    fields.put("profile", settings.profileName());
    fields.put("session_backend", settings.sessionBackend().value().wire());
    fields.put("telemetry_enabled", settings.telemetryEnabled().value());
    fields.put("guardrail_input_mode", settings.guardrailInputMode().value().wire());
    fields.put("guardrail_output_mode", settings.guardrailOutputMode().value().wire());
    return fields;
  }

  /**
   * Runs {@code command} between {@code command.started} and {@code command.completed}/{@code
   * command.failed}; the exit code or exception passes through unchanged.
   */
  public static int around(
      Telemetry telemetry, Map<String, Object> started, Clock clock, Callable<Integer> command)
      throws Exception {
    telemetry.emit(TelemetryEvent.COMMAND_STARTED, started);
    long begin = clock.millis();
    int code;
    try {
      code = command.call();
    } catch (Exception | Error e) {
      Throwable cause =
          e instanceof CommandLine.ExecutionException && e.getCause() != null ? e.getCause() : e;
      failed(telemetry, clock.millis() - begin, Failure.of(cause).message(), -1);
      throw e;
    }
    long duration = clock.millis() - begin;
    if (code == 0) {
      Map<String, Object> fields = new LinkedHashMap<>();
      fields.put("duration_ms", duration);
      fields.put("status", "ok");
      telemetry.emit(TelemetryEvent.COMMAND_COMPLETED, fields);
    } else {
      failed(telemetry, duration, "exited with code " + code, code);
    }
    return code;
  }

  private static void failed(Telemetry telemetry, long duration, String error, int exitCode) {
    Map<String, Object> fields = new LinkedHashMap<>();
    fields.put("duration_ms", duration);
    fields.put("status", "error");
    fields.put("error", error);
    if (exitCode >= 0) {
      fields.put("exit_code", exitCode);
    }
    telemetry.emit(TelemetryEvent.COMMAND_FAILED, fields);
  }
}
