package dev.tau.channels.lifecycle;

import dev.tau.channels.Transport;
import dev.tau.channels.secrets.ResolvedSecret;
import dev.tau.channels.secrets.SecretSource;
import dev.tau.core.json.Json;
import dev.tau.core.util.AtomicFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Channel lifecycle of tau-spec §5.15: {@code status} reads, {@code login} checks readiness and
 * creates the ingress file, {@code logout} records the logout, {@code probe} records a readiness
 * check. State lives in {@code <state-dir>/security/channel-lifecycle.json}, written atomically.
 * With {@link OnlineProbe} the probe also makes one authenticated read-only call to the platform.
 */
public final class ChannelLifecycle {
  private final Path stateDir;
  private final Path ingressDir;
  private final Clock clock;

  public ChannelLifecycle(Path stateDir, Path ingressDir, Clock clock) {
    this.stateDir = Objects.requireNonNull(stateDir, "stateDir");
    this.ingressDir = Objects.requireNonNull(ingressDir, "ingressDir");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /** {@code <state-dir>/security/channel-lifecycle.json}. */
  public Path statePath() {
    return stateDir.resolve("security").resolve("channel-lifecycle.json");
  }

  /** What the channel's credentials resolved to; WhatsApp needs a phone number id too. */
  public record Credentials(ResolvedSecret token, ResolvedSecret phoneNumberId) {
    public Credentials {
      Objects.requireNonNull(token, "token");
    }
  }

  /**
   * Runs one action.
   *
   * @throws UncheckedIOException when the state file cannot be read or written
   */
  public LifecycleReport run(LifecycleAction action, Transport transport, Credentials credentials) {
    return run(action, transport, credentials, null);
  }

  /**
   * Runs one action; for {@code probe}, {@code online} is the online probe's result (null: offline
   * probe only). A failed online probe fails readiness with its codes.
   *
   * @throws UncheckedIOException when the state file cannot be read or written
   */
  public LifecycleReport run(
      LifecycleAction action,
      Transport transport,
      Credentials credentials,
      OnlineProbe.Result online) {
    boolean onlineMode = action == LifecycleAction.PROBE && online != null;
    Path ingress = ingressDir.resolve(transport.wire() + ".ndjson");
    boolean exists = Files.exists(ingress);
    boolean isFile = Files.isRegularFile(ingress);
    List<LifecycleReason> reasons = new ArrayList<>();
    if (action != LifecycleAction.LOGOUT) {
      credentialReasons(transport, credentials, reasons);
      if (!exists && action != LifecycleAction.LOGIN) {
        reasons.add(LifecycleReason.INGRESS_MISSING);
      } else if (exists && !isFile) {
        reasons.add(LifecycleReason.INGRESS_NOT_FILE);
      }
    } else if (!exists) {
      reasons.add(LifecycleReason.INGRESS_MISSING);
    } else if (!isFile) {
      reasons.add(LifecycleReason.INGRESS_NOT_FILE);
    }
    List<String> onlineCodes = onlineMode ? online.reasonCodes() : List.of("probe_online_disabled");
    String onlineStatus = onlineMode ? (online.passed() ? "pass" : "fail") : "disabled";
    boolean ready = reasons.isEmpty() && (!onlineMode || online.passed());
    if (reasons.isEmpty() && ready) {
      reasons.add(LifecycleReason.READY);
    }
    ObjectNode state = load();
    ObjectNode channels = state.withObjectProperty("channels");
    ObjectNode entry = channels.withObjectProperty(transport.wire());
    long now = clock.millis();
    String lifecycleStatus;
    boolean persisted = true;
    switch (action) {
      case STATUS -> {
        lifecycleStatus = entry.path("lifecycle_status").asString("unknown");
        persisted = false;
      }
      case LOGIN -> {
        if (ready) {
          createIngress(ingress);
          exists = true;
          isFile = true;
        }
        lifecycleStatus = ready ? "initialized" : "login_failed";
        entry.put("last_login_unix_ms", now);
      }
      case LOGOUT -> {
        lifecycleStatus = "logged_out";
        reasons = List.of(LifecycleReason.LOGOUT_REQUESTED);
        entry.put("last_logout_unix_ms", now);
      }
      case PROBE -> {
        lifecycleStatus = ready ? "ready" : "probe_failed";
        entry.put("last_probe_unix_ms", now);
        entry.put("last_probe_mode", onlineMode ? "online" : "offline");
        entry.put("last_online_probe_status", onlineStatus);
        ArrayNode onlineArray = entry.putArray("last_online_probe_reason_codes");
        onlineCodes.forEach(onlineArray::add);
      }
      default -> throw new IllegalStateException("unknown action " + action);
    }
    List<String> codes = new ArrayList<>(reasons.stream().map(LifecycleReason::wire).toList());
    List<String> hints = new ArrayList<>(reasons.stream().map(LifecycleReason::hint).toList());
    if (onlineMode && !online.passed()) {
      for (String code : onlineCodes) {
        codes.add(code);
        hints.add(
            "The online probe failed with "
                + code
                + ": check the token and the platform API base (--multi-channel-"
                + transport.wire()
                + "-api-base).");
      }
    }
    if (persisted) {
      entry.put("lifecycle_status", lifecycleStatus);
      ArrayNode codeArray = entry.putArray("reason_codes");
      codes.forEach(codeArray::add);
      ArrayNode hintArray = entry.putArray("last_remediation_hints");
      hints.forEach(hintArray::add);
      entry.put("last_action", action.wire());
      entry.put("last_updated_unix_ms", now);
      save(state);
    }
    return new LifecycleReport(
        action,
        transport,
        lifecycleStatus,
        ready || action == LifecycleAction.LOGOUT ? "pass" : "fail",
        codes,
        hints,
        onlineMode ? "online" : "offline",
        onlineStatus,
        onlineCodes,
        ingress,
        exists,
        isFile,
        credentials.token().source().wire(),
        transport == Transport.WHATSAPP && credentials.phoneNumberId() != null
            ? credentials.phoneNumberId().source().wire()
            : "not_required",
        statePath(),
        persisted,
        now);
  }

  private static void credentialReasons(
      Transport transport, Credentials credentials, List<LifecycleReason> reasons) {
    boolean storeBroken =
        credentials.token().source() == SecretSource.CREDENTIAL_STORE_ERROR
            || credentials.phoneNumberId() != null
                && credentials.phoneNumberId().source() == SecretSource.CREDENTIAL_STORE_ERROR;
    if (storeBroken) {
      reasons.add(LifecycleReason.CREDENTIAL_STORE_UNREADABLE);
    }
    if (!credentials.token().present()) {
      reasons.add(
          switch (transport) {
            case TELEGRAM -> LifecycleReason.MISSING_TELEGRAM_BOT_TOKEN;
            case DISCORD -> LifecycleReason.MISSING_DISCORD_BOT_TOKEN;
            case WHATSAPP -> LifecycleReason.MISSING_WHATSAPP_ACCESS_TOKEN;
          });
    }
    if (transport == Transport.WHATSAPP
        && (credentials.phoneNumberId() == null || !credentials.phoneNumberId().present())) {
      reasons.add(LifecycleReason.MISSING_WHATSAPP_PHONE_NUMBER_ID);
    }
  }

  private static void createIngress(Path ingress) {
    try {
      Files.createDirectories(ingress.getParent());
      if (!Files.exists(ingress)) {
        Files.createFile(ingress);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot create ingress file " + ingress + ": " + e.getMessage(), e);
    }
  }

  private ObjectNode load() {
    Path path = statePath();
    if (!Files.exists(path)) {
      return Json.object().put("schema_version", 1);
    }
    try {
      JsonNode node = Json.parse(Files.readString(path));
      if (!node.isObject()) {
        throw new UncheckedIOException(new IOException(path + " is not a JSON object"));
      }
      return (ObjectNode) node;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + path + ": " + e.getMessage(), e);
    } catch (IllegalArgumentException e) {
      throw new UncheckedIOException(new IOException(path + " is not valid JSON"));
    }
  }

  private void save(ObjectNode state) {
    try {
      Files.createDirectories(statePath().getParent());
      AtomicFiles.write(
          statePath(),
          Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(state) + "\n");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + statePath() + ": " + e.getMessage(), e);
    }
  }
}
