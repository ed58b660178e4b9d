package dev.tau.cli.channels;

import static dev.tau.channels.TerminalText.safe;

import dev.tau.channels.access.SecurityPaths;
import dev.tau.channels.pairing.PairingRequests;
import dev.tau.cli.Context;
import dev.tau.cli.TauCommand;
import dev.tau.core.error.ExitCode;
import dev.tau.core.error.InputException;
import dev.tau.core.json.Json;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code tau pairing}: the operator's side of the pairing flow. A stranger's DM gets a one-time
 * code from the runner; {@code approve} turns it into a {@code pairings.json} entry (see
 * docs/channels.md "Pairing").
 */
@Command(
    name = "pairing",
    description = "Pending pairing codes and paired actors of the multi-channel runtime.",
    subcommands = {
      PairingCommand.ListPairings.class,
      PairingCommand.Approve.class,
      PairingCommand.Revoke.class
    })
public final class PairingCommand implements Callable<Integer> {
  @ParentCommand TauCommand root;

  @Override
  public Integer call() {
    PrintWriter out = root.context().terminals().out();
    out.println("Usage: tau pairing list | approve <channel> <code> | revoke <channel> <actor_id>");
    out.flush();
    return 0;
  }

  PairingRequests requests() {
    Context ctx = root.context();
    Path stateDir = root.multiChannelOptions().stateDir(ctx.env(), ctx.workingDir());
    return PairingRequests.defaults(SecurityPaths.securityDir(stateDir), Clock.systemUTC());
  }

  /** {@code tau pairing list}: pending codes (not expired) and pairings. */
  @Command(name = "list", description = "Show pending pairing codes and paired actors.")
  public static final class ListPairings implements Callable<Integer> {
    @ParentCommand PairingCommand parent;

    @Override
    public Integer call() {
      Context ctx = parent.root.context();
      PairingRequests requests = parent.requests();
      var pending = requests.pending();
      var pairings = requests.pairings();
      PrintWriter out = ctx.terminals().out();
      if (ctx.json()) {
        ObjectNode root = Json.object();
        ArrayNode list = root.putArray("pending");
        for (var r : pending) {
          list.addObject()
              .put("code", PairingRequests.display(r.code()))
              .put("channel", r.channel())
              .put("actor_id", r.actorId())
              .put("actor_display", r.actorDisplay())
              .put("requested_unix_ms", r.requestedUnixMs())
              .put("expires_unix_ms", r.expiresUnixMs());
        }
        ArrayNode paired = root.putArray("pairings");
        pairings.forEach(paired::add);
        out.println(Json.write(root));
      } else {
        out.println("Pending pairing codes: " + pending.size());
        for (var r : pending) {
          out.println(
              "- "
                  + PairingRequests.display(r.code())
                  + " "
                  + safe(r.channel())
                  + " actor="
                  + safe(r.actorId())
                  + (r.actorDisplay().isEmpty() ? "" : " (" + safe(r.actorDisplay()) + ")")
                  + " expires_unix_ms="
                  + r.expiresUnixMs());
        }
        out.println("Paired actors: " + pairings.size());
        for (var p : pairings) {
          out.println(
              "- "
                  + safe(p.path("channel").asString(""))
                  + " actor="
                  + safe(p.path("actor_id").asString(""))
                  + " paired_by="
                  + safe(p.path("paired_by").asString(""))
                  + " expires_unix_ms="
                  + p.path("expires_unix_ms").asLong(0));
        }
      }
      out.flush();
      return ExitCode.OK.code();
    }
  }

  /** {@code tau pairing approve <channel> <code>}. */
  @Command(
      name = "approve",
      description = "Approve a pairing code: the actor may talk to the agent.")
  public static final class Approve implements Callable<Integer> {
    @ParentCommand PairingCommand parent;

    @Parameters(
        index = "0",
        paramLabel = "CHANNEL",
        description = "<transport>:<conversation_id>, as the code message names it.")
    String channel;

    @Parameters(
        index = "1",
        paramLabel = "CODE",
        description = "The code the actor received (ABCD-EFGH).")
    String code;

    @Option(
        names = "--ttl-seconds",
        paramLabel = "N",
        description = "How long the pairing lasts (default: no expiry).")
    Long ttlSeconds;

    @Option(names = "--by", paramLabel = "NAME", description = "Who approves (default: $USER).")
    String by;

    @Override
    public Integer call() {
      Context ctx = parent.root.context();
      if (ttlSeconds != null && ttlSeconds < 1) {
        throw new InputException("--ttl-seconds must be at least 1");
      }
      String approver = by != null ? by : ctx.env().getOrDefault("USER", "operator");
      var result =
          parent
              .requests()
              .approve(
                  channel,
                  code,
                  approver,
                  ttlSeconds == null ? Duration.ZERO : Duration.ofSeconds(ttlSeconds));
      PrintWriter out = ctx.terminals().out();
      return switch (result) {
        case PairingRequests.Approval.Approved a -> {
          out.println(
              "Paired "
                  + safe(a.request().actorId())
                  + " on "
                  + safe(channel)
                  + (ttlSeconds == null ? "" : " for " + ttlSeconds + " s")
                  + ".");
          out.flush();
          yield ExitCode.OK.code();
        }
        case PairingRequests.Approval.UnknownCode u -> {
          ctx.terminals()
              .err()
              .println(
                  "tau: error: no pending pairing code "
                      + safe(code)
                      + " on "
                      + safe(channel)
                      + " (expired, already used, or another channel); see 'bin/tau pairing list'");
          ctx.terminals().err().flush();
          yield ExitCode.INPUT.code();
        }
      };
    }
  }

  /** {@code tau pairing revoke <channel> <actor_id>}. */
  @Command(name = "revoke", description = "Remove an actor's pairing on a channel.")
  public static final class Revoke implements Callable<Integer> {
    @ParentCommand PairingCommand parent;

    @Parameters(index = "0", paramLabel = "CHANNEL")
    String channel;

    @Parameters(index = "1", paramLabel = "ACTOR_ID")
    String actorId;

    @Override
    public Integer call() {
      Context ctx = parent.root.context();
      int removed = parent.requests().revoke(channel, actorId);
      PrintWriter out = ctx.terminals().out();
      out.println(
          removed == 0
              ? "No pairing of " + safe(actorId) + " on " + safe(channel) + "."
              : "Revoked "
                  + removed
                  + " pairing(s) of "
                  + safe(actorId)
                  + " on "
                  + safe(channel)
                  + ".");
      out.flush();
      return ExitCode.OK.code();
    }
  }
}
