package dev.tau.gateway;

import dev.tau.gateway.auth.AuthMode;
import dev.tau.gateway.auth.Secret;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * The gateway's settings, checked when built: every error names the flag to fix. Immutable; the
 * running server is created from it.
 *
 * @param host the bind address
 * @param port the bind port (0 = any free port)
 * @param authMode how callers authenticate
 * @param token the bearer for {@link AuthMode#TOKEN}
 * @param password the password for {@link AuthMode#PASSWORD_SESSION}
 * @param sessionTtl lifetime of issued session tokens
 * @param rateLimitWindow rate-limit window
 * @param rateLimitMaxRequests requests per window per principal
 * @param maxInputChars the largest translated prompt; raw bodies may be 8× this in bytes
 * @param stateDir the gateway state directory (default {@code .tau/gateway})
 * @param model the {@code provider/model} id answering requests
 * @param drainTimeout how long shutdown waits for in-flight requests and streams
 * @param deploymentStateDir the deployment runner's state directory the {@code deployment} status
 *     block and dashboard card read ({@code --deployment-state-dir}); by default the {@code
 *     deployment} directory next to {@code stateDir}
 */
public record GatewayConfig(
    String host,
    int port,
    AuthMode authMode,
    Secret token,
    Secret password,
    Duration sessionTtl,
    Duration rateLimitWindow,
    int rateLimitMaxRequests,
    int maxInputChars,
    Path stateDir,
    String model,
    Duration drainTimeout,
    Path deploymentStateDir) {

  public static final String DEFAULT_HOST = "127.0.0.1";
  public static final int DEFAULT_PORT = 8791;

  public GatewayConfig {
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(authMode, "authMode");
    Objects.requireNonNull(token, "token");
    Objects.requireNonNull(password, "password");
    Objects.requireNonNull(stateDir, "stateDir");
    Objects.requireNonNull(model, "model");
    Objects.requireNonNull(deploymentStateDir, "deploymentStateDir");
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException(
          "--gateway-openresponses-bind port must be 0-65535, got " + port);
    }
    if (maxInputChars < 1) {
      throw new IllegalArgumentException(
          "--gateway-openresponses-max-input-chars must be at least 1");
    }
    if (rateLimitMaxRequests < 1) {
      throw new IllegalArgumentException(
          "--gateway-openresponses-rate-limit-max-requests must be at least 1");
    }
    if (rateLimitWindow.toSeconds() < 1) {
      throw new IllegalArgumentException(
          "--gateway-openresponses-rate-limit-window-seconds must be at least 1");
    }
    if (sessionTtl.toSeconds() < 1) {
      throw new IllegalArgumentException(
          "--gateway-openresponses-session-ttl-seconds must be at least 1");
    }
    switch (authMode) {
      case LOCALHOST_DEV -> {
        if (!isLoopback(host)) {
          throw new IllegalArgumentException(
              "--gateway-openresponses-auth-mode=localhost-dev requires a loopback bind address (got "
                  + host
                  + "); use --gateway-openresponses-auth-mode token for other addresses");
        }
      }
      case TOKEN -> {
        if (token.isBlank()) {
          throw new IllegalArgumentException(
              "--gateway-openresponses-auth-token is required when --gateway-openresponses-auth-mode=token");
        }
      }
      case PASSWORD_SESSION -> {
        if (password.isBlank()) {
          throw new IllegalArgumentException(
              "--gateway-openresponses-auth-password is required when"
                  + " --gateway-openresponses-auth-mode=password-session");
        }
      }
    }
  }

  /** Settings whose deployment state is read from {@link #defaultDeploymentStateDir}. */
  public GatewayConfig(
      String host,
      int port,
      AuthMode authMode,
      Secret token,
      Secret password,
      Duration sessionTtl,
      Duration rateLimitWindow,
      int rateLimitMaxRequests,
      int maxInputChars,
      Path stateDir,
      String model,
      Duration drainTimeout) {
    this(
        host,
        port,
        authMode,
        token,
        password,
        sessionTtl,
        rateLimitWindow,
        rateLimitMaxRequests,
        maxInputChars,
        stateDir,
        model,
        drainTimeout,
        defaultDeploymentStateDir(Objects.requireNonNull(stateDir, "stateDir")));
  }

  /**
   * {@code deployment} next to the gateway state dir: {@code .tau/deployment} for the default
   * {@code .tau/gateway}, the same default as {@code --deployment-state-dir}.
   */
  public static Path defaultDeploymentStateDir(Path stateDir) {
    Path dir = stateDir.toAbsolutePath().normalize();
    Path root = dir.getParent() == null ? dir : dir.getParent();
    return root.resolve("deployment");
  }

  /** These settings reading the deployment state from {@code dir}. */
  public GatewayConfig withDeploymentStateDir(Path dir) {
    return new GatewayConfig(
        host,
        port,
        authMode,
        token,
        password,
        sessionTtl,
        rateLimitWindow,
        rateLimitMaxRequests,
        maxInputChars,
        stateDir,
        model,
        drainTimeout,
        dir);
  }

  /** Raw bodies may be this many bytes (8 bytes per allowed character, tau-spec §2.5.3). */
  public long maxBodyBytes() {
    return (long) maxInputChars * 8;
  }

  /**
   * Parses {@code ip:port} or {@code [v6]:port}.
   *
   * @throws IllegalArgumentException naming the flag
   */
  public static String[] parseBind(String bind) {
    String b = bind == null ? "" : bind.strip();
    int colon = b.lastIndexOf(':');
    if (colon <= 0 || colon == b.length() - 1) {
      throw new IllegalArgumentException(
          "invalid gateway socket address '"
              + bind
              + "' (--gateway-openresponses-bind expects ip:port)");
    }
    String host = b.substring(0, colon);
    if (host.startsWith("[") && host.endsWith("]")) {
      host = host.substring(1, host.length() - 1);
    }
    String port = b.substring(colon + 1);
    try {
      int p = Integer.parseInt(port);
      if (p < 0 || p > 65535) {
        throw new NumberFormatException();
      }
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "invalid gateway socket address '" + bind + "' (port must be 0-65535)");
    }
    if (!host.matches("[0-9.]+|[0-9a-fA-F:]+|localhost")) {
      throw new IllegalArgumentException(
          "invalid gateway socket address '" + bind + "' (expected an IP address)");
    }
    return new String[] {host, port};
  }

  static boolean isLoopback(String host) {
    if (host.equals("localhost")) {
      return true;
    }
    try {
      return InetAddress.getByName(host).isLoopbackAddress();
    } catch (UnknownHostException e) {
      return false;
    }
  }

  @Override
  public String toString() {
    return "GatewayConfig[bind="
        + host
        + ":"
        + port
        + ", auth="
        + authMode.wire()
        + ", stateDir="
        + stateDir
        + "]";
  }
}
