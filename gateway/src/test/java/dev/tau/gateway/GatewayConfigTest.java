package dev.tau.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tau.gateway.auth.AuthMode;
import dev.tau.gateway.auth.Secret;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class GatewayConfigTest {
  static GatewayConfig config(String host, AuthMode mode, String token, String password) {
    return new GatewayConfig(
        host,
        0,
        mode,
        Secret.of(token),
        Secret.of(password),
        Duration.ofHours(1),
        Duration.ofSeconds(60),
        120,
        32000,
        Path.of("/tmp/gw"),
        "offline/echo",
        Duration.ofSeconds(5));
  }

  @Test
  void localhostDevRefusesANonLoopbackBind() {
    assertThatThrownBy(() -> config("0.0.0.0", AuthMode.LOCALHOST_DEV, "", ""))
        .hasMessageContaining(
            "--gateway-openresponses-auth-mode=localhost-dev requires a loopback bind");
    assertThat(config("127.0.0.1", AuthMode.LOCALHOST_DEV, "", "").host()).isEqualTo("127.0.0.1");
    assertThat(config("::1", AuthMode.LOCALHOST_DEV, "", "").host()).isEqualTo("::1");
  }

  @Test
  void tokenModeRefusesAnEmptyTokenAndPasswordModeAnEmptyPassword() {
    assertThatThrownBy(() -> config("0.0.0.0", AuthMode.TOKEN, "  ", ""))
        .hasMessageContaining("--gateway-openresponses-auth-token is required");
    assertThatThrownBy(() -> config("0.0.0.0", AuthMode.PASSWORD_SESSION, "", ""))
        .hasMessageContaining("--gateway-openresponses-auth-password is required");
  }

  @Test
  void toStringShowsNoSecret() {
    assertThat(config("0.0.0.0", AuthMode.TOKEN, "very-secret-token", "").toString())
        .doesNotContain("very-secret-token");
  }

  @Test
  void bindMustBeIpColonPort() {
    assertThat(GatewayConfig.parseBind("127.0.0.1:8791")).containsExactly("127.0.0.1", "8791");
    assertThat(GatewayConfig.parseBind("[::1]:9000")).containsExactly("::1", "9000");
    assertThatThrownBy(() -> GatewayConfig.parseBind("8791"))
        .hasMessageContaining("invalid gateway socket address '8791'");
    assertThatThrownBy(() -> GatewayConfig.parseBind("127.0.0.1:99999"))
        .hasMessageContaining("port must be 0-65535");
    assertThatThrownBy(() -> GatewayConfig.parseBind("example.com:80"))
        .hasMessageContaining("expected an IP address");
  }

  @Test
  void limitsMustBePositive() {
    assertThatThrownBy(
            () ->
                new GatewayConfig(
                    "127.0.0.1",
                    0,
                    AuthMode.LOCALHOST_DEV,
                    Secret.of(""),
                    Secret.of(""),
                    Duration.ofHours(1),
                    Duration.ofSeconds(60),
                    120,
                    0,
                    Path.of("/tmp"),
                    "m",
                    Duration.ofSeconds(1)))
        .hasMessageContaining("--gateway-openresponses-max-input-chars");
  }
}
