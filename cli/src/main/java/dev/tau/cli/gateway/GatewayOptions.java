package dev.tau.cli.gateway;

import picocli.CommandLine.Option;

/**
 * The gateway's flags (tau-spec §2.1), given on the root command as in the runbooks: {@code bin/tau
 * --gateway-openresponses-server --gateway-openresponses-bind 127.0.0.1:8791 …}. Each has a {@code
 * TAU_*} environment variable; unset flags stay null.
 */
public final class GatewayOptions {
  @Option(
      names = "--gateway-openresponses-server",
      description =
          "Run the gateway HTTP server (env TAU_GATEWAY_OPENRESPONSES_SERVER, or TAU_TRANSPORT_MODE=gateway).")
  boolean server;

  @Option(
      names = "--gateway-openresponses-bind",
      paramLabel = "IP:PORT",
      description =
          "Bind address (env TAU_GATEWAY_OPENRESPONSES_BIND; default 127.0.0.1:${TAU_GATEWAY_PORT:-8791}).")
  String bind;

  @Option(
      names = "--gateway-openresponses-auth-mode",
      paramLabel = "MODE",
      description =
          "localhost-dev|token|password-session (env TAU_GATEWAY_OPENRESPONSES_AUTH_MODE; default localhost-dev, which needs a loopback bind).")
  String authMode;

  @Option(
      names = "--gateway-openresponses-auth-token",
      paramLabel = "TOKEN",
      description =
          "Bearer token for token mode (env TAU_GATEWAY_OPENRESPONSES_AUTH_TOKEN; prefer the env var: flags show in ps).")
  String authToken;

  @Option(
      names = "--gateway-openresponses-auth-password",
      paramLabel = "PASSWORD",
      description =
          "Password for password-session mode (env TAU_GATEWAY_OPENRESPONSES_AUTH_PASSWORD).")
  String authPassword;

  @Option(
      names = "--gateway-openresponses-session-ttl-seconds",
      paramLabel = "N",
      description = "Lifetime of session tokens (default 3600).")
  Long sessionTtlSeconds;

  @Option(
      names = "--gateway-openresponses-rate-limit-window-seconds",
      paramLabel = "N",
      description = "Rate-limit window (default 60).")
  Long rateLimitWindowSeconds;

  @Option(
      names = "--gateway-openresponses-rate-limit-max-requests",
      paramLabel = "N",
      description = "Requests per window per principal (default 120).")
  Integer rateLimitMaxRequests;

  @Option(
      names = "--gateway-openresponses-max-input-chars",
      paramLabel = "N",
      description = "Largest translated input (default 32000; bodies up to 8 bytes per char).")
  Integer maxInputChars;

  @Option(
      names = "--gateway-state-dir",
      paramLabel = "DIR",
      description = "Gateway state directory (env TAU_GATEWAY_STATE_DIR; default .tau/gateway).")
  String stateDir;

  @Option(
      names = "--gateway-drain-timeout-ms",
      paramLabel = "MS",
      description = "How long SIGTERM waits for in-flight requests and streams (default 10000).")
  Long drainTimeoutMs;

  @Option(
      names = "--gateway-multi-channel",
      description =
          "With the server: also run the multi-channel connectors (--multi-channel-*-ingress-mode;"
              + " webhooks on the gateway's port) and the live runner continuously, until SIGTERM"
              + " (env TAU_GATEWAY_MULTI_CHANNEL).")
  boolean multiChannel;

  @Option(
      names = "--gateway-service-start",
      description = "Mark the gateway service running in state.json and exit.")
  boolean serviceStart;

  @Option(
      names = "--gateway-service-stop",
      description = "Mark the gateway service stopped in state.json and exit.")
  boolean serviceStop;

  @Option(
      names = "--gateway-service-stop-reason",
      paramLabel = "REASON",
      description = "Why (default operator_requested).")
  String serviceStopReason;

  @Option(
      names = "--gateway-service-status",
      description = "Print the gateway service posture and exit.")
  boolean serviceStatus;

  @Option(
      names = "--gateway-service-status-json",
      description = "With --gateway-service-status: print JSON.")
  boolean serviceStatusJson;
}
