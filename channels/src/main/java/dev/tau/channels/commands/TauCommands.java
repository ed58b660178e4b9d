package dev.tau.channels.commands;

import dev.tau.channels.InboundEvent;
import dev.tau.channels.PolicyFileException;
import dev.tau.channels.access.AccessDecider;
import dev.tau.channels.access.AccessReason;
import dev.tau.channels.access.ChannelPolicyConfig;
import dev.tau.channels.access.ChannelPolicyReadiness;
import dev.tau.channels.access.SecurityPaths;
import dev.tau.channels.commands.OperatorFacts.CheckStatus;
import dev.tau.channels.commands.OperatorFacts.CredentialPresence;
import dev.tau.channels.commands.OperatorFacts.DoctorCheck;
import dev.tau.channels.routing.RouteBindings;
import dev.tau.channels.runtime.MultiChannelRunner;
import dev.tau.channels.runtime.RunnerState;
import dev.tau.channels.runtime.TauCommandHook;
import dev.tau.channels.runtime.TelemetryCounters;
import dev.tau.core.health.TransportHealth;
import dev.tau.core.json.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import tools.jackson.databind.JsonNode;

/**
 * The native {@code /tau} command surface of the multi-channel runner (tau-spec §5.10): {@code
 * help}, {@code status}, {@code auth status [openai|anthropic|google]} and {@code doctor
 * [--online]}. {@code auth status} and {@code doctor} need allowlisted operator scope; every reply
 * carries the spec's footer and is bounded in size.
 */
public final class TauCommands implements TauCommandHook {
  /** Longest reply body; a chat is no place for pages of output. */
  static final int MAX_BODY_CHARS = 3000;

  /** Longest detail of one doctor check. */
  static final int MAX_DETAIL_CHARS = 200;

  /** Most doctor checks listed. */
  static final int MAX_CHECKS = 24;

  /** Longest echo of a user's unknown token. */
  private static final int MAX_ECHO_CHARS = 32;

  static final String HELP =
      """
      Tau operator commands:
      /tau help - this list
      /tau status - runner health, queue and counters
      /tau auth status [openai|anthropic|google] - which provider credentials are present (operator scope)
      /tau doctor [--online] - configuration and runtime checks (operator scope)\
      """;

  static final String RBAC_DENIED =
      "command denied: this `/tau` command requires allowlisted operator scope.";

  private final Path stateDir;
  private final OperatorFacts facts;
  private final Clock clock;

  public TauCommands(Path stateDir, OperatorFacts facts, Clock clock) {
    this.stateDir = Objects.requireNonNull(stateDir, "stateDir");
    this.facts = Objects.requireNonNull(facts, "facts");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  @Override
  public CommandOutcome handle(InboundEvent event, String commandLine, AccessReason scope) {
    List<String> words =
        Arrays.stream(commandLine.strip().split("\\s+")).filter(w -> !w.isEmpty()).toList();
    String verb = words.isEmpty() ? "help" : words.getFirst().toLowerCase(Locale.ROOT);
    List<String> args = words.isEmpty() ? List.of() : words.subList(1, words.size());
    return switch (verb) {
      case "help" ->
          args.isEmpty()
              ? done("help", CommandStatus.REPORTED, CommandReason.COMMAND_HELP_REPORTED, HELP)
              : invalid(CommandReason.COMMAND_INVALID_ARGS, "`/tau help` takes no arguments.");
      case "status" ->
          args.isEmpty()
              ? done(
                  "status", CommandStatus.REPORTED, CommandReason.COMMAND_STATUS_REPORTED, status())
              : invalid(CommandReason.COMMAND_INVALID_ARGS, "`/tau status` takes no arguments.");
      case "auth" -> auth(args, scope);
      case "doctor" -> doctor(args, scope);
      default ->
          invalid(
              CommandReason.COMMAND_UNKNOWN, "unknown command '" + echo(words.getFirst()) + "'.");
    };
  }

  private CommandOutcome auth(List<String> args, AccessReason scope) {
    String usage = "usage: `/tau auth status [openai|anthropic|google]`.";
    if (args.isEmpty() || !args.getFirst().equalsIgnoreCase("status") || args.size() > 2) {
      return invalid(CommandReason.COMMAND_INVALID_ARGS, usage);
    }
    String only = args.size() == 2 ? args.get(1).toLowerCase(Locale.ROOT) : null;
    if (only != null && !OperatorFacts.PROVIDERS.contains(only)) {
      return invalid(
          CommandReason.COMMAND_INVALID_ARGS,
          "unknown provider '" + echo(args.get(1)) + "'; " + usage);
    }
    String line = only == null ? "auth status" : "auth status " + only;
    if (!operator(scope)) {
      return denied(line);
    }
    List<CredentialPresence> credentials;
    try {
      credentials = facts.providerCredentials();
    } catch (RuntimeException e) {
      return done(
          line,
          CommandStatus.FAILED,
          CommandReason.COMMAND_AUTH_STATUS_FAILED,
          "auth error: credential state unavailable (" + bounded(e.getMessage()) + ")");
    }
    StringBuilder body = new StringBuilder("provider auth status:");
    int shown = 0;
    for (CredentialPresence c : credentials) {
      if (only == null || c.provider().equals(only)) {
        body.append('\n')
            .append(c.provider())
            .append(": ")
            .append(c.present() ? "present" : "missing")
            .append(" (")
            .append(bounded(c.source()))
            .append(')');
        shown++;
      }
    }
    if (shown == 0) {
      return done(
          line,
          CommandStatus.FAILED,
          CommandReason.COMMAND_AUTH_STATUS_FAILED,
          "auth error: no credential information for " + (only == null ? "any provider" : only));
    }
    return done(
        line, CommandStatus.REPORTED, CommandReason.COMMAND_AUTH_STATUS_REPORTED, body.toString());
  }

  private CommandOutcome doctor(List<String> args, AccessReason scope) {
    boolean online = args.size() == 1 && args.getFirst().equalsIgnoreCase("--online");
    if (!args.isEmpty() && !online) {
      return invalid(CommandReason.COMMAND_INVALID_ARGS, "usage: `/tau doctor [--online]`.");
    }
    String line = online ? "doctor --online" : "doctor";
    if (!operator(scope)) {
      return denied(line);
    }
    List<DoctorCheck> checks = new ArrayList<>(runnerChecks());
    try {
      checks.addAll(facts.doctorChecks(online));
    } catch (RuntimeException e) {
      checks.add(
          new DoctorCheck("host", CheckStatus.FAIL, "checks unavailable: " + e.getMessage()));
    }
    long ok = checks.stream().filter(c -> c.status() == CheckStatus.OK).count();
    long warn = checks.stream().filter(c -> c.status() == CheckStatus.WARN).count();
    long fail = checks.stream().filter(c -> c.status() == CheckStatus.FAIL).count();
    StringBuilder body =
        new StringBuilder("tau doctor: ")
            .append(ok)
            .append(" ok, ")
            .append(warn)
            .append(" warn, ")
            .append(fail)
            .append(" fail");
    checks.stream()
        .limit(MAX_CHECKS)
        .forEach(
            c ->
                body.append('\n')
                    .append(c.status().wire())
                    .append(' ')
                    .append(c.name())
                    .append(": ")
                    .append(bounded(c.detail())));
    if (checks.size() > MAX_CHECKS) {
      body.append("\n(").append(checks.size() - MAX_CHECKS).append(" more checks not shown)");
    }
    return done(
        line, CommandStatus.REPORTED, CommandReason.COMMAND_DOCTOR_REPORTED, body.toString());
  }

  /** The runner's own checks: state dir, state.json, channel policy, access files, bindings. */
  private List<DoctorCheck> runnerChecks() {
    List<DoctorCheck> checks = new ArrayList<>();
    checks.add(
        Files.isDirectory(stateDir) && Files.isWritable(stateDir)
            ? new DoctorCheck("state dir", CheckStatus.OK, "writable")
            : new DoctorCheck("state dir", CheckStatus.FAIL, "missing or not writable"));
    Path stateFile = RunnerState.file(stateDir);
    if (!Files.exists(stateFile)) {
      checks.add(new DoctorCheck("runner state", CheckStatus.WARN, "no cycle has completed yet"));
    } else {
      List<String> warnings = new ArrayList<>();
      RunnerState state = RunnerState.load(stateDir, warnings::add);
      checks.add(
          warnings.isEmpty()
              ? new DoctorCheck(
                  "runner state",
                  CheckStatus.OK,
                  RunnerState.FILE_NAME
                      + " health_state="
                      + state.health().classify().state().wire()
                      + " processed_event_keys="
                      + state.processedKeys().size())
              : new DoctorCheck(
                  "runner state",
                  CheckStatus.FAIL,
                  RunnerState.FILE_NAME + " is unreadable; the next cycle starts fresh"));
    }
    Path policyFile = SecurityPaths.securityDir(stateDir).resolve(ChannelPolicyConfig.FILE_NAME);
    for (ChannelPolicyReadiness.Check c : ChannelPolicyReadiness.evaluate(policyFile)) {
      String name = c.key().endsWith(".risk") ? "channel policy risk" : "channel policy";
      CheckStatus status =
          switch (c.status()) {
            case PASS -> CheckStatus.OK;
            case WARN -> CheckStatus.WARN;
            case FAIL -> CheckStatus.FAIL;
          };
      // the code may embed the absolute path of the file; name the file only
      checks.add(
          new DoctorCheck(
              name,
              status,
              c.code().replace(policyFile.toString(), policyFile.getFileName() + "")));
    }
    List<String> accessWarnings =
        AccessDecider.load(SecurityPaths.tauRoot(stateDir), clock).warnings();
    checks.add(
        accessWarnings.isEmpty()
            ? new DoctorCheck("access files", CheckStatus.OK, "allowlist and pairings readable")
            : new DoctorCheck(
                "access files",
                CheckStatus.FAIL,
                accessWarnings.size() + " problem(s); every event is denied until fixed"));
    Path bindings = MultiChannelRunner.bindingsFile(stateDir);
    try {
      int count = RouteBindings.load(bindings).bindings().size();
      checks.add(new DoctorCheck("route bindings", CheckStatus.OK, count + " binding(s)"));
    } catch (PolicyFileException e) {
      checks.add(
          new DoctorCheck(
              "route bindings",
              CheckStatus.FAIL,
              e.getMessage().replace(bindings.toString(), RouteBindings.FILE_NAME)));
    }
    return checks;
  }

  /** The §5.10 status line, then the policies of the last cycle. */
  private String status() {
    Path file = RunnerState.file(stateDir);
    List<String> warnings = new ArrayList<>();
    RunnerState state = RunnerState.load(stateDir, warnings::add);
    TransportHealth health = state.health();
    TransportHealth.Classification c = health.classify();
    TelemetryCounters t = state.telemetry();
    StringBuilder body =
        new StringBuilder("multi-channel status: health_state=")
            .append(c.state().wire())
            .append(" health_reason=")
            .append(c.reason())
            .append(" failure_streak=")
            .append(health.failureStreak())
            .append(" queue_depth=")
            .append(health.queueDepth())
            .append(" processed_event_keys=")
            .append(state.processedKeys().size())
            .append(" typing_events=")
            .append(t.typingEvents())
            .append(" presence_events=")
            .append(t.presenceEvents())
            .append(" usage_records=")
            .append(t.usageRecords())
            .append(" usage_chars=")
            .append(t.usageChars())
            .append(" usage_chunks=")
            .append(t.usageChunks())
            .append(" usage_cost_micros=")
            .append(t.usageCostMicros());
    if (!Files.exists(file)) {
      body.append("\nstate: no cycle has completed yet");
    } else if (!warnings.isEmpty()) {
      body.append("\nstate: ").append(RunnerState.FILE_NAME).append(" is unreadable");
    } else {
      policyLine(file, body);
    }
    return body.toString();
  }

  private static void policyLine(Path file, StringBuilder body) {
    JsonNode root;
    try {
      root = Json.parse(Files.readString(file));
    } catch (IOException | RuntimeException e) {
      return; // the counters above came from the same file a moment ago; a race is not an error
    }
    JsonNode p = root.path("telemetry_policy");
    if (p.isObject()) {
      body.append("\ntelemetry_policy: typing_presence_enabled=")
          .append(p.path("typing_presence_enabled").asBoolean(false))
          .append(" usage_summary_enabled=")
          .append(p.path("usage_summary_enabled").asBoolean(false))
          .append(" include_identifiers=")
          .append(p.path("include_identifiers").asBoolean(false))
          .append(" typing_presence_min_response_chars=")
          .append(p.path("typing_presence_min_response_chars").asLong(0));
    }
  }

  private static boolean operator(AccessReason scope) {
    return scope != null && scope.grantsOperatorScope();
  }

  private CommandOutcome denied(String line) {
    return done(line, CommandStatus.FAILED, CommandReason.COMMAND_RBAC_DENIED, RBAC_DENIED);
  }

  /** Unknown commands and bad arguments: the spec's text, what was wrong, and the help. */
  private CommandOutcome invalid(CommandReason reason, String problem) {
    return done(
        "invalid",
        CommandStatus.FAILED,
        reason,
        "invalid `/tau` command.\n" + problem + "\n\n" + HELP);
  }

  private CommandOutcome done(
      String line, CommandStatus status, CommandReason reason, String body) {
    String safe = facts.redact(cap(body));
    return new CommandOutcome(
        line,
        status.wire(),
        reason.wire(),
        CommandOutcome.withFooter(safe, line, status.wire(), reason.wire()));
  }

  private static String cap(String body) {
    if (body.length() <= MAX_BODY_CHARS) {
      return body;
    }
    return body.substring(0, MAX_BODY_CHARS - 16) + "\n... (truncated)";
  }

  private static String bounded(String text) {
    String flat = text == null ? "" : text.replaceAll("\\s+", " ").strip();
    return flat.length() <= MAX_DETAIL_CHARS
        ? flat
        : flat.substring(0, MAX_DETAIL_CHARS - 3) + "...";
  }

  private static String echo(String token) {
    String flat = token.replaceAll("[\\p{Cntrl}`]", "");
    return flat.length() <= MAX_ECHO_CHARS ? flat : flat.substring(0, MAX_ECHO_CHARS) + "...";
  }
}
