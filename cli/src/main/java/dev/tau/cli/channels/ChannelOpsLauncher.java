package dev.tau.cli.channels;

import dev.tau.channels.Transport;
import dev.tau.channels.lifecycle.ChannelLifecycle;
import dev.tau.channels.lifecycle.LifecycleAction;
import dev.tau.channels.lifecycle.LifecycleReport;
import dev.tau.channels.lifecycle.OnlineProbe;
import dev.tau.channels.preflight.LiveReadinessPreflight;
import dev.tau.channels.secrets.ChannelSecrets;
import dev.tau.channels.secrets.CredentialStore;
import dev.tau.channels.secrets.CredentialStoreException;
import dev.tau.channels.secrets.StoreEncryption;
import dev.tau.cli.Context;
import dev.tau.core.error.ExitCode;
import dev.tau.core.error.InputException;
import dev.tau.core.json.Json;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Runs {@link ChannelOpsOptions}: {@code --integration-auth}, the channel lifecycle and the live
 * readiness preflight. Secrets are never printed; the store file is owner-only.
 */
public final class ChannelOpsLauncher {
  private ChannelOpsLauncher() {}

  /** Where the channel folders are and what flags gave directly (null when not given). */
  public record Inputs(
      Path stateDir,
      Path ingressDir,
      String telegramToken,
      String discordToken,
      String whatsappToken,
      String whatsappPhoneNumberId,
      java.util.function.Function<Transport, java.net.URI> apiBase) {}

  public static int run(ChannelOpsOptions o, Inputs inputs, Context ctx) {
    if (o.integrationAuth != null) {
      return integrationAuth(o, ctx);
    }
    if (o.preflight) {
      return preflight(o, inputs, ctx);
    }
    return lifecycle(o, inputs, ctx);
  }

  /** The credential store the flags and env name (opened lazily by callers). */
  public static CredentialStore store(ChannelOpsOptions o, Context ctx) {
    return CredentialStore.open(
        storePath(o, ctx),
        encryption(o),
        first(o.credentialStoreKey, ctx.env().get("TAU_CREDENTIAL_STORE_KEY")),
        ctx.env(),
        Clock.systemUTC());
  }

  public static Path storePath(ChannelOpsOptions o, Context ctx) {
    return ctx.workingDir()
        .resolve(
            first(
                o.credentialStore,
                first(ctx.env().get("TAU_CREDENTIAL_STORE"), CredentialStore.DEFAULT_PATH)))
        .normalize();
  }

  private static StoreEncryption encryption(ChannelOpsOptions o) {
    if (o.credentialStoreEncryption == null) {
      return StoreEncryption.AUTO;
    }
    return StoreEncryption.parse(o.credentialStoreEncryption)
        .orElseThrow(
            () ->
                new InputException(
                    "--credential-store-encryption must be auto, none or keyed, not '"
                        + o.credentialStoreEncryption
                        + "'"));
  }

  private static String first(String a, String b) {
    return a != null && !a.isBlank() ? a : b;
  }

  private static int integrationAuth(ChannelOpsOptions o, Context ctx) {
    List<String> words = new ArrayList<>(Arrays.asList(o.integrationAuth.strip().split("\\s+")));
    if (words.getFirst().equals("/integration-auth")) {
      words.removeFirst();
    }
    boolean json = words.remove("--json") || ctx.json();
    PrintWriter out = ctx.terminals().out();
    String command = words.isEmpty() ? "" : words.getFirst();
    // the names: get/list show status (never the secret), remove revokes
    command =
        switch (command) {
          case "get", "list" -> "status";
          case "remove" -> "revoke";
          default -> command;
        };
    String id = words.size() > 1 ? words.get(1) : "";
    try {
      switch (command) {
        case "set", "rotate" -> {
          if (words.size() != 3) {
            throw new InputException(
                "usage: --integration-auth \""
                    + command
                    + " <id> <secret|->\" (got "
                    + (words.size() - 1)
                    + " arguments)");
          }
          String secret = words.get(2).equals("-") ? readSecret(ctx) : words.get(2);
          CredentialStore store = store(o, ctx);
          CredentialStore.SaveStatus status =
              command.equals("set") ? store.set(id, secret) : store.rotate(id, secret);
          String normalised = CredentialStore.normaliseId(id);
          if (json) {
            ObjectNode node = Json.object();
            node.put("command", "integration_auth." + command);
            node.put("integration_id", normalised);
            node.put("status", status.wire());
            node.put("credential_store", store.file().toString());
            node.put("updated_unix", store.updatedUnix(normalised));
            out.println(Json.write(node));
          } else {
            out.println(
                "integration auth "
                    + command
                    + ": integration_id="
                    + normalised
                    + " status="
                    + status.wire()
                    + " credential_store="
                    + store.file());
          }
        }
        case "revoke" -> {
          if (words.size() != 2) {
            throw new InputException("usage: --integration-auth \"revoke <id>\"");
          }
          CredentialStore store = store(o, ctx);
          boolean revoked = store.revoke(id);
          String normalised = CredentialStore.normaliseId(id);
          String status = revoked ? "revoked" : "missing";
          if (json) {
            out.println(
                Json.write(
                    Json.object()
                        .put("command", "integration_auth.revoke")
                        .put("integration_id", normalised)
                        .put("status", status)
                        .put("credential_store", store.file().toString())));
          } else {
            out.println(
                "integration auth revoke: integration_id=" + normalised + " status=" + status);
          }
        }
        case "status" -> {
          CredentialStore store = store(o, ctx);
          List<CredentialStore.IntegrationStatus> rows =
              store.status(words.size() > 1 ? Optional.of(id) : Optional.empty());
          if (json) {
            ObjectNode node = Json.object().put("command", "integration_auth.status");
            node.put("credential_store", store.file().toString());
            ArrayNode list = node.putArray("integrations");
            rows.forEach(r -> list.add(r.toJson()));
            out.println(Json.write(node));
          } else if (rows.isEmpty()) {
            out.println("integration auth status: no integrations in " + store.file());
          } else {
            for (var r : rows) {
              out.println(
                  "integration auth status: integration_id="
                      + r.integrationId()
                      + " available="
                      + r.available()
                      + " state="
                      + r.state()
                      + " source=credential_store updated_unix="
                      + r.updatedUnix()
                      + " revoked="
                      + r.revoked());
            }
          }
        }
        default ->
            throw new InputException(
                "unknown --integration-auth command "
                    + CredentialStore.displayId(command)
                    + " (expected set, status, rotate or revoke)");
      }
      out.flush();
      return ExitCode.OK.code();
    } catch (IllegalArgumentException | CredentialStoreException e) {
      if (json) {
        out.println(
            Json.write(
                Json.object()
                    .put("command", "integration_auth." + known(command))
                    .put("integration_id", CredentialStore.displayId(id))
                    .put("status", "error")
                    .put("reason", e.getMessage())));
        out.flush();
      } else {
        ctx.terminals()
            .err()
            .println(
                "integration auth "
                    + known(command)
                    + " error: integration_id="
                    + CredentialStore.displayId(id)
                    + " error="
                    + e.getMessage());
        ctx.terminals().err().flush();
      }
      return ExitCode.INPUT.code();
    }
  }

  /** The command word when it is one, else {@code unknown}: the word may be a misplaced secret. */
  private static String known(String command) {
    return switch (command) {
      case "set", "rotate", "revoke", "status" -> command;
      default -> "unknown";
    };
  }

  private static String readSecret(Context ctx) {
    try {
      String line =
          new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
      if (line == null || line.isBlank()) {
        throw new InputException("no secret on stdin ('-' reads one line)");
      }
      return line.strip();
    } catch (IOException e) {
      throw new InputException("cannot read the secret from stdin: " + e.getMessage());
    }
  }

  private static int preflight(ChannelOpsOptions o, Inputs inputs, Context ctx) {
    Path storePath = storePath(o, ctx);
    Supplier<CredentialStore> store = () -> store(o, ctx);
    LiveReadinessPreflight.Report report =
        LiveReadinessPreflight.run(inputs.ingressDir(), storePath, ctx.env(), store);
    PrintWriter out = ctx.terminals().out();
    if (o.preflightJson || ctx.json()) {
      out.println(Json.write(report.toJson()));
    } else {
      report.toLines().forEach(out::println);
    }
    out.flush();
    if (!report.passed()) {
      ctx.terminals().err().println(report.gateLine());
      ctx.terminals().err().flush();
      return 1;
    }
    return ExitCode.OK.code();
  }

  private static int lifecycle(ChannelOpsOptions o, Inputs inputs, Context ctx) {
    LifecycleAction action;
    String name;
    boolean json;
    if (o.channelLogin != null) {
      action = LifecycleAction.LOGIN;
      name = o.channelLogin;
      json = o.channelLoginJson;
    } else if (o.channelLogout != null) {
      action = LifecycleAction.LOGOUT;
      name = o.channelLogout;
      json = o.channelLogoutJson;
    } else if (o.channelProbe != null) {
      action = LifecycleAction.PROBE;
      name = o.channelProbe;
      json = o.channelProbeJson;
    } else {
      action = LifecycleAction.STATUS;
      name = o.channelStatus;
      json = o.channelStatusJson;
    }
    Transport transport =
        Transport.parse(name)
            .orElseThrow(
                () ->
                    new InputException(
                        "--multi-channel-channel-"
                            + action.wire()
                            + " must be telegram, discord or whatsapp, not '"
                            + name
                            + "'"));
    Supplier<CredentialStore> store = () -> store(o, ctx);
    String direct =
        switch (transport) {
          case TELEGRAM -> first(inputs.telegramToken(), ctx.env().get("TAU_TELEGRAM_BOT_TOKEN"));
          case DISCORD -> first(inputs.discordToken(), ctx.env().get("TAU_DISCORD_BOT_TOKEN"));
          case WHATSAPP ->
              first(inputs.whatsappToken(), ctx.env().get("TAU_WHATSAPP_ACCESS_TOKEN"));
        };
    String integration =
        switch (transport) {
          case TELEGRAM -> ChannelSecrets.TELEGRAM_BOT_TOKEN;
          case DISCORD -> ChannelSecrets.DISCORD_BOT_TOKEN;
          case WHATSAPP -> ChannelSecrets.WHATSAPP_ACCESS_TOKEN;
        };
    var credentials =
        new ChannelLifecycle.Credentials(
            ChannelSecrets.resolve(direct, integration, store),
            transport == Transport.WHATSAPP
                ? ChannelSecrets.resolve(
                    first(
                        inputs.whatsappPhoneNumberId(),
                        ctx.env().get("TAU_WHATSAPP_PHONE_NUMBER_ID")),
                    ChannelSecrets.WHATSAPP_PHONE_NUMBER_ID,
                    store)
                : null);
    OnlineProbe.Result online = null;
    if (action == LifecycleAction.PROBE && o.channelProbeOnline) {
      try (java.net.http.HttpClient client =
          java.net.http.HttpClient.newBuilder()
              .connectTimeout(java.time.Duration.ofSeconds(3))
              .followRedirects(java.net.http.HttpClient.Redirect.NEVER)
              .build()) {
        online =
            new OnlineProbe(client, Thread::sleep)
                .probe(
                    transport,
                    inputs.apiBase().apply(transport),
                    credentials.token().value().orElse(null),
                    credentials.phoneNumberId() == null
                        ? null
                        : credentials.phoneNumberId().value().orElse(null));
      }
    }
    LifecycleReport report =
        new ChannelLifecycle(inputs.stateDir(), inputs.ingressDir(), Clock.systemUTC())
            .run(action, transport, credentials, online);
    PrintWriter out = ctx.terminals().out();
    out.println(json || ctx.json() ? Json.write(report.toJson()) : report.toLine());
    out.flush();
    // tau-spec §5.15: the lifecycle commands exit 0 even when readiness fails
    return ExitCode.OK.code();
  }
}
