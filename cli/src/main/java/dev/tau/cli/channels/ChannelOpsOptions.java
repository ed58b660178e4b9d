package dev.tau.cli.channels;

import picocli.CommandLine.Option;

/**
 * Flags of the channel operations an operator runs by hand (tau-spec §1.4, §5.15, §5.16): the
 * credential store and {@code --integration-auth}, the channel lifecycle and the live readiness
 * preflight. Unset flags stay null.
 */
public final class ChannelOpsOptions {
  @Option(
      names = "--credential-store",
      paramLabel = "PATH",
      description =
          "Credential store file (env TAU_CREDENTIAL_STORE; default .tau/credentials.json).")
  String credentialStore;

  @Option(
      names = "--credential-store-key",
      paramLabel = "KEY",
      description =
          "Key for the store's AES-256-GCM encryption, 8+ characters (env TAU_CREDENTIAL_STORE_KEY;"
              + " without one a machine-derived key is used).")
  String credentialStoreKey;

  @Option(
      names = "--credential-store-encryption",
      paramLabel = "MODE",
      description = "auto|none|keyed (default auto = keyed).")
  String credentialStoreEncryption;

  @Option(
      names = "--integration-auth",
      paramLabel = "COMMAND",
      description =
          "Run an integration secret command: \"set <id> <secret|-> [--json]\", \"status [id]"
              + " [--json]\", \"rotate <id> <secret|-> [--json]\", \"revoke <id> [--json]\"; '-'"
              + " reads the secret from stdin.")
  String integrationAuth;

  @Option(
      names = "--multi-channel-channel-status",
      paramLabel = "TRANSPORT",
      description = "Show a channel's lifecycle state and readiness (telegram|discord|whatsapp).")
  String channelStatus;

  @Option(
      names = "--multi-channel-channel-login",
      paramLabel = "TRANSPORT",
      description = "Check readiness and create the channel's ingress file.")
  String channelLogin;

  @Option(
      names = "--multi-channel-channel-logout",
      paramLabel = "TRANSPORT",
      description = "Record the channel as logged out.")
  String channelLogout;

  @Option(
      names = "--multi-channel-channel-probe",
      paramLabel = "TRANSPORT",
      description = "Evaluate readiness and record the probe.")
  String channelProbe;

  @Option(
      names = "--multi-channel-channel-probe-online",
      description =
          "With --multi-channel-channel-probe: also call the platform (getMe, users/@me, the"
              + " WhatsApp phone number) with a 3 s timeout.")
  boolean channelProbeOnline;

  @Option(
      names = "--multi-channel-channel-status-json",
      description = "JSON for --multi-channel-channel-status.")
  boolean channelStatusJson;

  @Option(
      names = "--multi-channel-channel-login-json",
      description = "JSON for --multi-channel-channel-login.")
  boolean channelLoginJson;

  @Option(
      names = "--multi-channel-channel-logout-json",
      description = "JSON for --multi-channel-channel-logout.")
  boolean channelLogoutJson;

  @Option(
      names = "--multi-channel-channel-probe-json",
      description = "JSON for --multi-channel-channel-probe.")
  boolean channelProbeJson;

  @Option(
      names = "--multi-channel-live-readiness-preflight",
      description = "Check live-runner prerequisites; exit 1 when a required one fails.")
  boolean preflight;

  @Option(
      names = "--multi-channel-live-readiness-json",
      description = "One-line JSON for --multi-channel-live-readiness-preflight.")
  boolean preflightJson;

  /** Whether one of these operations was asked for. */
  public boolean requested() {
    return integrationAuth != null
        || channelStatus != null
        || channelLogin != null
        || channelLogout != null
        || channelProbe != null
        || preflight;
  }
}
