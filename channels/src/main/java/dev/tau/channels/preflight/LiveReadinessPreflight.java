package dev.tau.channels.preflight;

import dev.tau.channels.Transport;
import dev.tau.channels.access.ChannelPolicyConfig;
import dev.tau.channels.access.ChannelPolicyReadiness;
import dev.tau.channels.access.ChannelPolicyReadiness.Check;
import dev.tau.channels.access.ChannelPolicyReadiness.Status;
import dev.tau.channels.access.SecurityPaths;
import dev.tau.channels.secrets.ChannelSecrets;
import dev.tau.channels.secrets.CredentialStore;
import dev.tau.channels.secrets.CredentialStoreException;
import dev.tau.channels.secrets.ResolvedSecret;
import dev.tau.core.json.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The live readiness preflight of tau-spec §5.16: credential store, ingress folder, channel policy
 * and its open-DM risk, and each channel's prerequisites, as {@code key status code path action}
 * checks; the gate passes when no check fails. Credentials come only from the {@code TAU_*}
 * environment variables and the integration store, never from flags.
 */
public final class LiveReadinessPreflight {
  private LiveReadinessPreflight() {}

  /** The checks and their summary. */
  public record Report(List<Check> checks) {
    public Report {
      checks = List.copyOf(checks);
    }

    public long count(Status status) {
      return checks.stream().filter(c -> c.status() == status).count();
    }

    public boolean passed() {
      return count(Status.FAIL) == 0;
    }

    /** {@code <key>:<code>} of every failed check. */
    public List<String> reasonCodes() {
      return checks.stream()
          .filter(c -> c.status() == Status.FAIL)
          .map(c -> c.key() + ":" + c.code())
          .toList();
    }

    /** The compact single-line JSON document. */
    public ObjectNode toJson() {
      ObjectNode root = Json.object();
      ObjectNode summary = root.putObject("summary");
      summary.put("checks", checks.size());
      summary.put("pass", count(Status.PASS));
      summary.put("warn", count(Status.WARN));
      summary.put("fail", count(Status.FAIL));
      summary.put("gate", passed() ? "pass" : "fail");
      ArrayNode codes = summary.putArray("reason_codes");
      reasonCodes().forEach(codes::add);
      ArrayNode list = root.putArray("checks");
      for (Check c : checks) {
        list.addObject()
            .put("key", c.key())
            .put("status", c.status().wire())
            .put("code", c.code())
            .put("path", c.path())
            .put("action", c.action());
      }
      return root;
    }

    /** The summary line and one line per check. */
    public List<String> toLines() {
      List<String> lines = new ArrayList<>();
      lines.add(
          "multi-channel live readiness summary: checks="
              + checks.size()
              + " pass="
              + count(Status.PASS)
              + " warn="
              + count(Status.WARN)
              + " fail="
              + count(Status.FAIL)
              + " gate="
              + (passed() ? "pass" : "fail")
              + " reason_codes="
              + (reasonCodes().isEmpty() ? "none" : String.join(",", reasonCodes())));
      for (Check c : checks) {
        lines.add(
            "multi-channel live readiness check: key="
                + c.key()
                + " status="
                + c.status().wire()
                + " code="
                + c.code()
                + " path="
                + c.path()
                + " action="
                + c.action());
      }
      return lines;
    }

    /** The line printed before exiting non-zero. */
    public String gateLine() {
      return "multi-channel live readiness gate: status=fail fail="
          + count(Status.FAIL)
          + " reason_codes="
          + String.join(",", reasonCodes());
    }
  }

  /**
   * Runs every check.
   *
   * @param store opens the credential store (may throw {@link CredentialStoreException})
   */
  public static Report run(
      Path ingressDir,
      Path credentialStore,
      Map<String, String> env,
      Supplier<CredentialStore> store) {
    List<Check> checks = new ArrayList<>();
    String storePath = credentialStore.toString();
    CredentialStore opened = null;
    if (!Files.exists(credentialStore)) {
      checks.add(
          new Check(
              "multi_channel_live.credential_store",
              Status.WARN,
              "missing",
              storePath,
              "optional: store channel secrets with --integration-auth \"set <id> -\""));
    } else {
      try {
        opened = store.get();
        checks.add(
            new Check(
                "multi_channel_live.credential_store", Status.PASS, "readable", storePath, "none"));
      } catch (CredentialStoreException e) {
        checks.add(
            new Check(
                "multi_channel_live.credential_store",
                Status.FAIL,
                "load_error:" + e.getMessage(),
                storePath,
                "fix or move " + storePath));
      }
    }
    String dir = ingressDir.toString();
    if (Files.isDirectory(ingressDir)) {
      checks.add(new Check("multi_channel_live.ingress_dir", Status.PASS, "ready", dir, "none"));
    } else if (Files.exists(ingressDir)) {
      checks.add(
          new Check(
              "multi_channel_live.ingress_dir",
              Status.FAIL,
              "not_dir",
              dir,
              "remove the file at " + dir + " and create the folder"));
    } else {
      checks.add(
          new Check(
              "multi_channel_live.ingress_dir",
              Status.FAIL,
              "missing",
              dir,
              "create " + dir + " (or run --multi-channel-channel-login <transport>)"));
    }
    Path root = ingressDir.toAbsolutePath().getParent();
    Path policy =
        SecurityPaths.securityDir(root == null ? ingressDir : root)
            .resolve(ChannelPolicyConfig.FILE_NAME);
    checks.addAll(ChannelPolicyReadiness.evaluate(policy));
    CredentialStore finalStore = opened;
    Supplier<CredentialStore> lookup = () -> finalStore;
    for (Transport transport : Transport.values()) {
      checks.add(channel(transport, ingressDir, env, lookup));
    }
    return new Report(checks);
  }

  private static Check channel(
      Transport transport,
      Path ingressDir,
      Map<String, String> env,
      Supplier<CredentialStore> store) {
    String key = "multi_channel_live.channel." + transport.wire();
    List<String> missing = new ArrayList<>();
    switch (transport) {
      case TELEGRAM ->
          require(env, store, "TAU_TELEGRAM_BOT_TOKEN", ChannelSecrets.TELEGRAM_BOT_TOKEN, missing);
      case DISCORD ->
          require(env, store, "TAU_DISCORD_BOT_TOKEN", ChannelSecrets.DISCORD_BOT_TOKEN, missing);
      case WHATSAPP -> {
        require(
            env, store, "TAU_WHATSAPP_ACCESS_TOKEN", ChannelSecrets.WHATSAPP_ACCESS_TOKEN, missing);
        require(
            env,
            store,
            "TAU_WHATSAPP_PHONE_NUMBER_ID",
            ChannelSecrets.WHATSAPP_PHONE_NUMBER_ID,
            missing);
      }
    }
    Path inbox = ingressDir.resolve(transport.wire() + ".ndjson");
    if (!missing.isEmpty()) {
      return new Check(
          key, Status.FAIL, "missing_prerequisites", inbox.toString(), String.join("; ", missing));
    }
    if (Files.exists(inbox) && !Files.isRegularFile(inbox)) {
      return new Check(
          key,
          Status.FAIL,
          "inbox_not_file",
          inbox.toString(),
          "make " + inbox + " a regular file");
    }
    if (!Files.exists(inbox)) {
      return new Check(
          key,
          Status.WARN,
          "inbox_missing",
          inbox.toString(),
          "run --multi-channel-channel-login " + transport.wire());
    }
    return new Check(key, Status.PASS, "ready", inbox.toString(), "none");
  }

  private static void require(
      Map<String, String> env,
      Supplier<CredentialStore> store,
      String variable,
      String integrationId,
      List<String> missing) {
    ResolvedSecret secret =
        ChannelSecrets.resolve(
            env.get(variable),
            integrationId,
            () -> {
              CredentialStore s = store.get();
              if (s == null) {
                throw new CredentialStoreException("no credential store");
              }
              return s;
            });
    if (!secret.present()) {
      missing.add("set " + variable + " or /integration-auth set " + integrationId + " <secret>");
    }
  }
}
