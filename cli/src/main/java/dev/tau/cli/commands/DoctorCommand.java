package dev.tau.cli.commands;

import dev.tau.channels.secrets.ChannelSecrets;
import dev.tau.channels.secrets.CredentialStore;
import dev.tau.channels.secrets.CredentialStoreException;
import dev.tau.channels.secrets.ResolvedSecret;
import dev.tau.channels.secrets.SecretSource;
import dev.tau.cli.Context;
import dev.tau.cli.ModelChoice;
import dev.tau.cli.TauCommand;
import dev.tau.cli.Wiring;
import dev.tau.cli.channels.ChannelOpsLauncher;
import dev.tau.cli.config.Setting;
import dev.tau.cli.config.TauSettings;
import dev.tau.core.error.ExitCode;
import dev.tau.core.error.InputException;
import dev.tau.core.json.Json;
import dev.tau.core.provider.ProviderException;
import dev.tau.core.session.SessionStore;
import dev.tau.core.session.StoreException;
import dev.tau.core.util.Urls;
import dev.tau.gateway.service.GatewayStateFile;
import dev.tau.gateway.service.ServiceReport;
import dev.tau.llm.KnownProvider;
import dev.tau.mcp.McpServerConfig;
import dev.tau.mcp.McpServerStatus;
import dev.tau.store.sqlite.SqliteSessionStore;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code tau doctor}: checks what a run needs and says what is broken. Credentials are reported as
 * present or missing, never printed. Exits 3 when a required check fails.
 */
@Command(
    name = "doctor",
    description =
        "Check the JDK, configuration, provider credentials, store migrations, state folders, the"
            + " gateway state and MCP servers.")
public final class DoctorCommand implements Callable<Integer> {

  /** The result of one check. */
  enum Status {
    OK,
    WARN,
    FAIL;

    String wire() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  record Check(String name, Status status, String detail) {}

  @ParentCommand TauCommand root;

  @Override
  public Integer call() {
    Context ctx = root.context();
    List<Check> checks = new ArrayList<>();
    checks.add(jdk());
    TauSettings settings;
    try {
      settings = ctx.settings();
      checks.add(new Check("config", Status.OK, configDetail(settings)));
    } catch (InputException e) {
      checks.add(new Check("config", Status.FAIL, e.getMessage()));
      return print(ctx, checks);
    }
    checks.add(provider(settings, ctx));
    checks.add(store(settings));
    checks.add(writable("state folder", ctx.workingDir().resolve(".tau")));
    if (settings.telemetryEnabled().value()) {
      checks.add(
          writable(
              "telemetry folder",
              parentOf(ctx.workingDir().resolve(settings.telemetryPath().value()))));
    }
    checks.add(workspace(settings));
    checks.addAll(gateway(ctx));
    checks.addAll(channels(ctx));
    checks.addAll(mcp(settings, ctx));
    return print(ctx, checks);
  }

  /**
   * The gateway state folder ({@code TAU_GATEWAY_STATE_DIR} or {@code .tau/gateway}): writable, and
   * its {@code state.json}, when present, readable.
   */
  private static List<Check> gateway(Context ctx) {
    String configured = ctx.env().get("TAU_GATEWAY_STATE_DIR");
    Path dir =
        ctx.workingDir()
            .resolve(configured == null || configured.isBlank() ? ".tau/gateway" : configured)
            .normalize();
    List<Check> checks = new ArrayList<>();
    checks.add(writable("gateway state", dir));
    GatewayStateFile state = new GatewayStateFile(dir, Clock.systemUTC());
    if (Files.exists(state.path())) {
      try {
        ServiceReport report = state.report();
        checks.add(
            new Check(
                "gateway service",
                Status.OK,
                state.path()
                    + ": service_status="
                    + report.serviceStatus().wire()
                    + " rollout_gate="
                    + report.rolloutGate().wire()
                    + " reason_code="
                    + report.rolloutReasonCode()));
      } catch (StoreException e) {
        checks.add(new Check("gateway service", Status.FAIL, e.getMessage()));
      }
    }
    return checks;
  }

  /**
   * Channel credentials (present or missing with their source, never the value) from the {@code
   * TAU_*} variables and the integration store; a store that exists but cannot be read fails.
   * Channels are optional, so a missing token only warns.
   */
  private List<Check> channels(Context ctx) {
    List<Check> checks = new ArrayList<>();
    var ops = root.channelOpsOptions();
    Path storePath = ChannelOpsLauncher.storePath(ops, ctx);
    CredentialStore store = null;
    Check storeCheck = null;
    if (Files.exists(storePath)) {
      try {
        store = ChannelOpsLauncher.store(ops, ctx);
        storeCheck = new Check("credential store", Status.OK, storePath + " is readable");
      } catch (CredentialStoreException | InputException e) {
        storeCheck = new Check("credential store", Status.FAIL, e.getMessage());
      }
      checks.add(storeCheck);
    }
    CredentialStore opened = store;
    String[][] secrets = {
      {"telegram", "TAU_TELEGRAM_BOT_TOKEN", ChannelSecrets.TELEGRAM_BOT_TOKEN},
      {"discord", "TAU_DISCORD_BOT_TOKEN", ChannelSecrets.DISCORD_BOT_TOKEN},
      {"whatsapp", "TAU_WHATSAPP_ACCESS_TOKEN", ChannelSecrets.WHATSAPP_ACCESS_TOKEN},
      {"whatsapp", "TAU_WHATSAPP_PHONE_NUMBER_ID", ChannelSecrets.WHATSAPP_PHONE_NUMBER_ID}
    };
    for (String[] s : secrets) {
      ResolvedSecret secret =
          ChannelSecrets.resolve(
              ctx.env().get(s[1]),
              s[2],
              () -> {
                if (opened == null) {
                  throw new CredentialStoreException("no store");
                }
                return opened;
              });
      String detail =
          s[2]
              + (secret.present()
                  ? " present ("
                      + (secret.source() == SecretSource.CLI_OR_ENV ? s[1] : "credential store")
                      + ")"
                  : " missing: set " + s[1] + " or --integration-auth \"set " + s[2] + " -\"");
      checks.add(new Check("channel " + s[0], secret.present() ? Status.OK : Status.WARN, detail));
      if (secret.source() == SecretSource.CREDENTIAL_STORE_ERROR
          && storeCheck != null
          && storeCheck.status() == Status.OK) {
        checks.set(
            checks.indexOf(storeCheck),
            storeCheck =
                new Check(
                    "credential store",
                    Status.FAIL,
                    storePath
                        + ": stored secrets do not decrypt (wrong --credential-store-key /"
                        + " TAU_CREDENTIAL_STORE_KEY, or the file was altered)"));
      }
    }
    return checks;
  }

  /**
   * The {@code [mcp.servers.*]} tables: a count line as zavora prints it, then one check per
   * server, each started, initialised and listed. A failed server fails the doctor run.
   */
  private static List<Check> mcp(TauSettings settings, Context ctx) {
    List<Check> checks = new ArrayList<>();
    long enabled = settings.mcpServers().stream().filter(McpServerConfig::enabled).count();
    checks.add(
        new Check(
            "mcp",
            Status.OK,
            "MCP servers: configured=" + settings.mcpServers().size() + ", enabled=" + enabled));
    for (McpServerStatus server : ctx.mcp(settings).statuses()) {
      String where = server.transport().wire() + " " + server.target();
      checks.add(
          switch (server.state()) {
            case CONNECTED ->
                new Check(
                    "mcp " + server.name(),
                    Status.OK,
                    where
                        + ": connected to "
                        + server.serverInfo()
                        + ", "
                        + server.tools().size()
                        + " tools"
                        + (server.skipped().isEmpty()
                            ? ""
                            : " (" + server.skipped().size() + " skipped)"));
            case DISABLED -> new Check("mcp " + server.name(), Status.OK, where + ": disabled");
            case FAILED ->
                new Check("mcp " + server.name(), Status.FAIL, where + ": " + server.detail());
          });
    }
    return checks;
  }

  private static Check jdk() {
    int feature = Runtime.version().feature();
    String detail = "java " + Runtime.version() + " at " + System.getProperty("java.home");
    return new Check("jdk", feature >= 25 ? Status.OK : Status.FAIL, detail);
  }

  /** Every resolved value with where it came from (flag, env, profile, default). */
  private static String configDetail(TauSettings s) {
    return (s.configExists() ? s.configPath() + "" : s.configPath() + " (absent; defaults in use)")
        + ", profile "
        + s.profileName()
        + "; model "
        + (s.modelChosen() ? describe(s.model()) : "automatic [default]")
        + ", session_id "
        + describe(s.sessionId())
        + ", session_backend "
        + s.sessionBackend().value().wire()
        + " ["
        + s.sessionBackend().source().wire()
        + "], session_db_url "
        + Urls.redact(s.sessionDbUrl().value())
        + " ["
        + s.sessionDbUrl().source().wire()
        + "], tool_confirmation_mode "
        + s.toolConfirmationMode().value().wire()
        + " ["
        + s.toolConfirmationMode().source().wire()
        + "], max_turns "
        + describe(s.maxTurns())
        + ", max_tool_calls "
        + describe(s.maxToolCalls())
        + ", workspace "
        + describe(s.workspace())
        + ", telemetry_enabled "
        + describe(s.telemetryEnabled())
        + ", telemetry_path "
        + describe(s.telemetryPath())
        + ", guardrail_input_mode "
        + s.guardrailInputMode().value().wire()
        + ", guardrail_output_mode "
        + s.guardrailOutputMode().value().wire()
        + ", request_timeout_ms "
        + s.requestTimeout().value().toMillis()
        + " ["
        + s.requestTimeout().source().wire()
        + "]";
  }

  private static String describe(Setting<?> s) {
    return s.value() + " [" + s.source().wire() + "]";
  }

  private static Check provider(TauSettings settings, Context ctx) {
    ModelChoice choice;
    try {
      choice = ModelChoice.resolve(settings, ctx.env());
    } catch (InputException e) {
      return new Check("provider", Status.FAIL, e.getMessage());
    }
    if (choice.offline()) {
      return new Check(
          "provider",
          settings.modelChosen() ? Status.OK : Status.WARN,
          "offline provider ("
              + choice.ref()
              + ")"
              + (choice.notice().isEmpty() ? "" : ": " + choice.notice()));
    }
    String model = choice.ref() + " [" + choice.source().wire() + "]";
    try {
      Wiring.provider(choice.ref(), settings, ctx.env());
    } catch (ProviderException | InputException e) {
      return new Check("provider", Status.FAIL, model + ": " + e.getMessage());
    }
    String credential =
        KnownProvider.find(choice.ref().provider())
            .map(k -> k.needsKey() ? credentialSource(k, settings, ctx) : "no key needed")
            .orElse("");
    return new Check("provider", Status.OK, model + ", " + credential);
  }

  private static String credentialSource(KnownProvider k, TauSettings settings, Context ctx) {
    for (String variable : k.keyVariables()) {
      String v = ctx.env().get(variable);
      if (v != null && !v.isBlank()) {
        return "key present in " + variable;
      }
    }
    if (settings.apiKey().value() != null) {
      return "key present in profile '"
          + settings.profileName()
          + "' (prefer an environment variable)";
    }
    return "key present in " + KnownProvider.GENERIC_KEY_VARIABLE;
  }

  private static Check store(TauSettings settings) {
    try (SessionStore store = Wiring.store(settings, Clock.systemUTC())) {
      int sessions = store.list().size();
      String schema =
          store instanceof SqliteSessionStore sqlite
              ? "migrations applied, schema version " + sqlite.schemaVersion() + ", "
              : "";
      return new Check(
          "store", Status.OK, store.describe() + " opens (" + schema + sessions + " sessions)");
    } catch (StoreException | InputException e) {
      return new Check("store", Status.FAIL, e.getMessage());
    }
  }

  private static Path parentOf(Path file) {
    Path parent = file.toAbsolutePath().getParent();
    return parent == null ? file.toAbsolutePath() : parent;
  }

  /**
   * Whether files can be created in {@code dir}: checked on the nearest folder that exists, so
   * doctor itself creates nothing.
   */
  private static Check writable(String name, Path dir) {
    Path existing = dir.toAbsolutePath();
    while (existing != null && !Files.exists(existing)) {
      existing = existing.getParent();
    }
    if (existing == null || !Files.isDirectory(existing)) {
      return new Check(
          name, Status.FAIL, dir + " cannot be created: " + existing + " is not a folder");
    }
    if (!Files.isWritable(existing)) {
      return new Check(name, Status.FAIL, dir + " is not writable (" + existing + " is read-only)");
    }
    return new Check(
        name,
        Status.OK,
        dir + (existing.equals(dir.toAbsolutePath()) ? " is writable" : " can be created"));
  }

  private static Check workspace(TauSettings settings) {
    Path ws = settings.workspace().value();
    return Files.isDirectory(ws)
        ? new Check("workspace", Status.OK, ws + " (tools are confined to it)")
        : new Check("workspace", Status.FAIL, ws + " is not a directory");
  }

  private static int print(Context ctx, List<Check> checks) {
    boolean failed = checks.stream().anyMatch(c -> c.status() == Status.FAIL);
    PrintWriter out = ctx.terminals().out();
    if (ctx.json()) {
      ObjectNode root = Json.object();
      root.put("ok", !failed);
      ArrayNode list = root.putArray("checks");
      for (Check c : checks) {
        ObjectNode node = list.addObject();
        node.put("name", c.name());
        node.put("status", c.status().wire());
        node.put("detail", c.detail());
      }
      out.println(Json.write(root));
    } else {
      for (Check c : checks) {
        out.printf("%-5s %-17s %s%n", c.status().wire(), c.name(), c.detail());
      }
      out.println(
          failed ? "doctor: some required checks failed" : "doctor: all required checks passed");
    }
    out.flush();
    return failed ? ExitCode.CHECK_FAILED.code() : ExitCode.OK.code();
  }
}
