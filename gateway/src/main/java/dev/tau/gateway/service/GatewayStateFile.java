package dev.tau.gateway.service;

import dev.tau.core.error.InputException;
import dev.tau.core.health.HealthState;
import dev.tau.core.health.RolloutGate;
import dev.tau.core.health.TransportHealth;
import dev.tau.core.json.Json;
import dev.tau.core.session.StoreException;
import dev.tau.core.util.AtomicFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code <gateway-state-dir>/state.json} (tau-spec §2.12): the service posture shared by the server
 * and the {@code --gateway-service-*} commands. Fields written by other tools (runner health,
 * processed keys) are kept as they are. Writes are atomic; one writer at a time in this process.
 */
public final class GatewayStateFile {
  /** The stop reason used when none is given. */
  public static final String DEFAULT_STOP_REASON = "operator_requested";

  private final Path path;
  private final Clock clock;

  public GatewayStateFile(Path stateDir, Clock clock) {
    this.path = stateDir.resolve("state.json");
    this.clock = clock;
  }

  public Path path() {
    return path;
  }

  /** Marks the service running: a server (or {@code --gateway-service-start}) started. */
  public synchronized ServiceReport markStarted() {
    ObjectNode state = load();
    ObjectNode service = service(state);
    long now = clock.millis();
    service.put("status", ServiceStatus.RUNNING.wire());
    service.put("startup_attempts", service.path("startup_attempts").asLong(0) + 1);
    service.put("startup_failure_streak", 0);
    service.put("last_startup_error", "");
    service.put("last_started_unix_ms", now);
    service.put("last_transition_unix_ms", now);
    save(state);
    return report(state);
  }

  /**
   * Marks the service stopped with {@code reason} (blank means {@link #DEFAULT_STOP_REASON}).
   *
   * @throws InputException for a reason that is only whitespace
   */
  public synchronized ServiceReport markStopped(String reason) {
    String r;
    if (reason == null || reason.isEmpty()) {
      r = DEFAULT_STOP_REASON;
    } else if (reason.isBlank()) {
      throw new InputException("--gateway-service-stop-reason cannot be empty or whitespace");
    } else {
      r = reason.strip();
    }
    ObjectNode state = load();
    ObjectNode service = service(state);
    long now = clock.millis();
    service.put("status", ServiceStatus.STOPPED.wire());
    service.put("last_stopped_unix_ms", now);
    service.put("last_transition_unix_ms", now);
    service.put("last_stop_reason", r);
    save(state);
    return report(state);
  }

  /** Records a failed start (the bind failed, for example). */
  public synchronized void markStartFailed(String error) {
    ObjectNode state = load();
    ObjectNode service = service(state);
    service.put("startup_failure_streak", service.path("startup_failure_streak").asLong(0) + 1);
    service.put("last_startup_error", error);
    service.put("last_transition_unix_ms", clock.millis());
    save(state);
  }

  /** The report, reading the file (a missing file reads as a fresh, stopped-never state). */
  public synchronized ServiceReport report() {
    return report(load());
  }

  private ServiceReport report(ObjectNode state) {
    JsonNode service = state.path("service");
    JsonNode guardrail = state.path("guardrail");
    TransportHealth health = TransportHealth.fromJson(state.path("health"));
    ServiceStatus status = ServiceStatus.fromWire(Json.text(service, "status", "running"));
    String persistedGate = Json.text(guardrail, "gate", "");
    RolloutGate guardrailGate =
        persistedGate.equals("pass")
            ? RolloutGate.PASS
            : persistedGate.equals("hold")
                ? RolloutGate.HOLD
                : health.classify().state() == HealthState.HEALTHY
                    ? RolloutGate.PASS
                    : RolloutGate.HOLD;
    String persistedReason = Json.text(guardrail, "reason_code", "");
    String guardrailReason =
        !persistedReason.isBlank()
            ? persistedReason
            : guardrailGate == RolloutGate.PASS
                ? "guardrail_checks_passing"
                : "health_state_not_healthy";
    RolloutGate gate = status == ServiceStatus.STOPPED ? RolloutGate.HOLD : guardrailGate;
    String reason = status == ServiceStatus.STOPPED ? "service_stopped" : guardrailReason;
    return new ServiceReport(
        path.toString(),
        status,
        gate,
        reason,
        guardrailGate,
        guardrailReason,
        service.path("startup_attempts").asLong(0),
        service.path("startup_failure_streak").asLong(0),
        Json.text(service, "last_startup_error", ""),
        service.path("last_started_unix_ms").asLong(0),
        service.path("last_stopped_unix_ms").asLong(0),
        service.path("last_transition_unix_ms").asLong(0),
        Json.text(service, "last_stop_reason", ""),
        health);
  }

  private ObjectNode load() {
    if (!Files.exists(path)) {
      return fresh();
    }
    try {
      JsonNode node = Json.parse(Files.readString(path));
      if (!node.isObject()) {
        throw new StoreException("gateway state " + path + " is not a JSON object");
      }
      return (ObjectNode) node;
    } catch (IOException e) {
      throw new StoreException("cannot read gateway state " + path + ": " + e.getMessage(), e);
    } catch (IllegalArgumentException e) {
      throw new StoreException(
          "gateway state " + path + " is not valid JSON: " + e.getMessage(), e);
    }
  }

  private ObjectNode fresh() {
    ObjectNode state = Json.object();
    state.put("schema_version", 1);
    state.putArray("processed_case_keys");
    state.putArray("requests");
    state.set("health", TransportHealth.EMPTY.toJson());
    ObjectNode guardrail = state.putObject("guardrail");
    guardrail.put("gate", "pass");
    guardrail.put("reason_code", "guardrail_checks_passing");
    guardrail.put("failure_streak_threshold", 2);
    guardrail.put("retryable_failures_threshold", 2);
    guardrail.put("failure_streak", 0);
    guardrail.put("last_failed_cases", 0);
    guardrail.put("last_retryable_failures", 0);
    guardrail.put("updated_unix_ms", clock.millis());
    return state;
  }

  private static ObjectNode service(ObjectNode state) {
    JsonNode service = state.get("service");
    return service instanceof ObjectNode o ? o : state.putObject("service");
  }

  private void save(ObjectNode state) {
    try {
      AtomicFiles.write(
          path, Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(state) + "\n");
    } catch (IOException e) {
      throw new StoreException("cannot write gateway state " + path + ": " + e.getMessage(), e);
    }
  }
}
