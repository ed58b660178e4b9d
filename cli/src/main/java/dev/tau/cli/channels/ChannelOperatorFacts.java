package dev.tau.cli.channels;

import dev.tau.channels.commands.OperatorFacts;
import dev.tau.cli.ModelChoice;
import dev.tau.cli.config.TauSettings;
import dev.tau.core.session.SessionStore;
import dev.tau.core.session.StoreException;
import dev.tau.llm.KnownProvider;
import dev.tau.mcp.McpServerConfig;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What the multi-channel runner's {@code /tau} commands may know about this process: provider
 * credential presence (from the environment and the profile, never the values), and the host checks
 * of {@code /tau doctor}, a chat-sized subset of {@code tau doctor} (configuration, provider,
 * session store, MCP server counts, outbound mode). {@code --online} adds one TCP connect to the
 * provider's endpoint with a short timeout; nothing is sent, so no credential leaves the machine.
 */
public final class ChannelOperatorFacts implements OperatorFacts {
  /** Budget of the {@code --online} endpoint probe. */
  static final Duration PROBE_TIMEOUT = Duration.ofSeconds(3);

  private static final String REDACTED = "(redacted)";

  private final TauSettings settings;
  private final Map<String, String> env;
  private final ModelChoice choice;
  private final SessionStore sessions;
  private final String outboundMode;
  private final Duration probeTimeout;
  private final Clock clock;
  private final List<String> secrets;

  public ChannelOperatorFacts(
      TauSettings settings,
      Map<String, String> env,
      ModelChoice choice,
      SessionStore sessions,
      String outboundMode,
      Duration probeTimeout,
      Clock clock) {
    this.settings = Objects.requireNonNull(settings, "settings");
    this.env = Map.copyOf(Objects.requireNonNull(env, "env"));
    this.choice = Objects.requireNonNull(choice, "choice");
    this.sessions = Objects.requireNonNull(sessions, "sessions");
    this.outboundMode = Objects.requireNonNull(outboundMode, "outboundMode");
    this.probeTimeout = Objects.requireNonNull(probeTimeout, "probeTimeout");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.secrets = secrets(settings, this.env);
  }

  @Override
  public List<CredentialPresence> providerCredentials() {
    List<CredentialPresence> out = new ArrayList<>();
    for (String id : PROVIDERS) {
      KnownProvider known = KnownProvider.find(id).orElseThrow();
      out.add(presence(known));
    }
    return out;
  }

  /**
   * Env variable (most specific first) → profile key → {@code TAU_API_KEY}, as Wiring uses them.
   */
  private CredentialPresence presence(KnownProvider known) {
    for (String variable : known.keyVariables()) {
      if (set(variable)) {
        return new CredentialPresence(known.id(), true, "env " + variable);
      }
    }
    if (settings.apiKey().value() != null) {
      return new CredentialPresence(
          known.id(), true, "profile '" + settings.profileName() + "' api_key");
    }
    if (set(KnownProvider.GENERIC_KEY_VARIABLE)) {
      return new CredentialPresence(known.id(), true, "env " + KnownProvider.GENERIC_KEY_VARIABLE);
    }
    return new CredentialPresence(
        known.id(), false, "set " + String.join(" or ", known.keyVariables()));
  }

  private boolean set(String variable) {
    String value = env.get(variable);
    return value != null && !value.isBlank();
  }

  @Override
  public List<DoctorCheck> doctorChecks(boolean online) {
    List<DoctorCheck> checks = new ArrayList<>();
    checks.add(
        new DoctorCheck(
            "config",
            CheckStatus.OK,
            "profile "
                + settings.profileName()
                + ", config file "
                + (settings.configExists() ? "present" : "absent (defaults in use)")));
    checks.add(provider());
    checks.add(store());
    long enabled = settings.mcpServers().stream().filter(McpServerConfig::enabled).count();
    checks.add(
        new DoctorCheck(
            "mcp",
            CheckStatus.OK,
            "MCP servers: configured="
                + settings.mcpServers().size()
                + ", enabled="
                + enabled
                + " (not used by channel replies)"));
    checks.add(new DoctorCheck("outbound", CheckStatus.OK, "mode " + outboundMode));
    if (online) {
      checks.add(probe());
    }
    return checks;
  }

  private DoctorCheck provider() {
    String model = choice.ref() + " [" + choice.source().wire() + "]";
    if (choice.offline()) {
      // chosen on purpose (tests, demos) it is fine; picked for lack of credentials it warns
      return new DoctorCheck(
          "provider",
          settings.modelChosen() ? CheckStatus.OK : CheckStatus.WARN,
          "offline provider (" + model + ")");
    }
    Optional<KnownProvider> known = KnownProvider.find(choice.ref().provider());
    if (known.isEmpty() || !known.get().needsKey()) {
      return new DoctorCheck("provider", CheckStatus.OK, model + ", no key needed");
    }
    CredentialPresence key = presence(known.get());
    return key.present()
        ? new DoctorCheck(
            "provider", CheckStatus.OK, model + ", key present (" + key.source() + ")")
        : new DoctorCheck("provider", CheckStatus.FAIL, model + ", key missing: " + key.source());
  }

  private DoctorCheck store() {
    try {
      int count = sessions.list().size();
      return new DoctorCheck(
          "store",
          CheckStatus.OK,
          settings.sessionBackend().value().wire() + " opens (" + count + " sessions)");
    } catch (StoreException e) {
      return new DoctorCheck("store", CheckStatus.FAIL, e.getMessage());
    }
  }

  /** One TCP connect to the provider's endpoint (host and port only are reported). */
  private DoctorCheck probe() {
    if (choice.offline()) {
      return new DoctorCheck("provider endpoint", CheckStatus.OK, "offline provider: no endpoint");
    }
    Optional<URI> base = baseUrl();
    if (base.isEmpty() || base.get().getHost() == null) {
      return new DoctorCheck("provider endpoint", CheckStatus.WARN, "no endpoint URL to probe");
    }
    URI uri = base.get();
    int port =
        uri.getPort() > 0 ? uri.getPort() : "http".equalsIgnoreCase(uri.getScheme()) ? 80 : 443;
    String where = uri.getHost() + ":" + port;
    long started = clock.millis();
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(uri.getHost(), port), (int) probeTimeout.toMillis());
      return new DoctorCheck(
          "provider endpoint",
          CheckStatus.OK,
          where + " reachable in " + (clock.millis() - started) + " ms");
    } catch (IOException | IllegalArgumentException | SecurityException e) {
      return new DoctorCheck(
          "provider endpoint",
          CheckStatus.FAIL,
          where
              + " unreachable within "
              + probeTimeout.toMillis()
              + " ms ("
              + e.getClass().getSimpleName()
              + ")");
    }
  }

  /** The endpoint the provider is built with: profile base_url, then its env variable, default. */
  private Optional<URI> baseUrl() {
    try {
      if (settings.baseUrl().value() != null) {
        return Optional.of(URI.create(settings.baseUrl().value().strip()));
      }
      Optional<KnownProvider> known = KnownProvider.find(choice.ref().provider());
      if (known.isEmpty()) {
        return Optional.empty();
      }
      if (set(known.get().baseUrlVariable())) {
        return Optional.of(URI.create(env.get(known.get().baseUrlVariable()).strip()));
      }
      return Optional.of(known.get().defaultBaseUrl());
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  @Override
  public String redact(String text) {
    String result = text;
    for (String secret : secrets) {
      result = result.replace(secret, REDACTED);
    }
    return result;
  }

  /**
   * Every credential-like value this process holds: the profile key and the values of variables
   * named like keys, tokens, secrets or passwords. Longest first, so a key containing another is
   * replaced whole.
   */
  private static List<String> secrets(TauSettings settings, Map<String, String> env) {
    List<String> out = new ArrayList<>();
    if (settings.apiKey().value() != null && !settings.apiKey().value().value().isBlank()) {
      out.add(settings.apiKey().value().value().strip());
    }
    env.forEach(
        (name, value) -> {
          String upper = name.toUpperCase(Locale.ROOT);
          boolean secretName =
              upper.endsWith("_KEY")
                  || upper.contains("TOKEN")
                  || upper.contains("SECRET")
                  || upper.contains("PASSWORD");
          // very short values would redact ordinary words; real credentials are long
          if (secretName && value != null && value.strip().length() >= 8) {
            out.add(value.strip());
          }
        });
    out.sort(Comparator.comparingInt(String::length).reversed());
    return List.copyOf(out);
  }
}
