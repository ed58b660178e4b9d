package dev.tau.channels.secrets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tau.core.json.Json;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CredentialStoreTest {
  @TempDir Path dir;
  private final Clock clock = Clock.fixed(Instant.ofEpochSecond(1_760_000_000), ZoneOffset.UTC);

  private CredentialStore keyed(String key) {
    return CredentialStore.open(
        dir.resolve("credentials.json"), StoreEncryption.KEYED, key, Map.of(), clock);
  }

  @Test
  void setThenLookupRoundTripsWithoutPlaintextOnDisk() throws Exception {
    CredentialStore store = keyed("correct horse battery");
    assertThat(store.set("Telegram-Bot-Token", "123456:ABC-secret"))
        .isEqualTo(CredentialStore.SaveStatus.SAVED);
    String file = Files.readString(dir.resolve("credentials.json"));
    assertThat(file)
        .doesNotContain("123456:ABC-secret")
        .contains("\"telegram-bot-token\"")
        .contains("enc:v2:")
        .contains("\"updated_unix\" : 1760000000");
    ResolvedSecret again = keyed("correct horse battery").lookup("telegram-bot-token");
    assertThat(again.value()).contains("123456:ABC-secret");
    assertThat(again.source()).isEqualTo(SecretSource.CREDENTIAL_STORE);
    assertThat(again.toString()).doesNotContain("ABC");
    assertThat(Files.getPosixFilePermissions(dir.resolve("credentials.json")))
        .isEqualTo(PosixFilePermissions.fromString("rw-------"));
  }

  @Test
  void anInvalidIdIsEchoedOnlyByItsFirstFourCharactersAndItsLength() {
    String token = "7234567890:AAHf9-token-shaped-secret";
    assertThatThrownBy(() -> keyed("correct horse battery").set(token, "telegram-bot-token"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'7234…' (" + token.length() + " chars)")
        .hasMessageNotContaining("567890")
        .hasMessageNotContaining("AAHf9");
    assertThat(CredentialStore.displayId("Discord-Bot-Token")).isEqualTo("discord-bot-token");
  }

  @Test
  void theFormatIsTheOriginalsEncV2() throws Exception {
    keyed("correct horse battery").set("discord-bot-token", "discord-secret-value");
    String stored =
        Json.parse(Files.readString(dir.resolve("credentials.json")))
            .path("integrations")
            .path("discord-bot-token")
            .path("secret")
            .asString();
    byte[] raw = Base64.getDecoder().decode(stored.substring("enc:v2:".length()));
    byte[] key =
        MessageDigest.getInstance("SHA-256")
            .digest("correct horse battery".getBytes(StandardCharsets.UTF_8));
    Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
    cipher.init(
        Cipher.DECRYPT_MODE, new SecretKeySpec(key, "AES"), new GCMParameterSpec(128, raw, 0, 12));
    cipher.updateAAD("tau-credential-store-v2".getBytes(StandardCharsets.US_ASCII));
    assertThat(new String(cipher.doFinal(raw, 12, raw.length - 12), StandardCharsets.UTF_8))
        .isEqualTo("discord-secret-value");
  }

  @Test
  void aWrongKeyIsAStoreErrorNotAnException() {
    keyed("correct horse battery").set("telegram-bot-token", "s3cr3t-value");
    ResolvedSecret wrong = keyed("another key 123").lookup("telegram-bot-token");
    assertThat(wrong.present()).isFalse();
    assertThat(wrong.source()).isEqualTo(SecretSource.CREDENTIAL_STORE_ERROR);
    assertThat(
            keyed("another key 123").status(Optional.of("telegram-bot-token")).getFirst().state())
        .isEqualTo("unreadable");
  }

  @Test
  void rotateAndRevoke() {
    CredentialStore store = keyed("correct horse battery");
    assertThat(store.rotate("whatsapp-access-token", "a1"))
        .isEqualTo(CredentialStore.SaveStatus.CREATED);
    assertThat(store.rotate("whatsapp-access-token", "a2"))
        .isEqualTo(CredentialStore.SaveStatus.ROTATED);
    assertThat(store.lookup("whatsapp-access-token").value()).contains("a2");
    assertThat(store.revoke("whatsapp-access-token")).isTrue();
    assertThat(store.revoke("never-stored")).isFalse();
    assertThat(keyed("correct horse battery").lookup("whatsapp-access-token").source())
        .isEqualTo(SecretSource.CREDENTIAL_STORE_REVOKED);
    assertThat(store.status(Optional.empty()))
        .extracting(CredentialStore.IntegrationStatus::state)
        .containsExactly("revoked");
  }

  @Test
  void otherPartsOfTheFileSurviveAWrite() throws Exception {
    Files.writeString(
        dir.resolve("credentials.json"),
        "{\"schema_version\":1,\"encryption\":\"keyed\",\"providers\":{\"openai\":{\"auth_method\":"
            + "\"oauth_token\",\"access_token\":\"enc:v2:xyz\"}},\"integrations\":{}}");
    keyed("correct horse battery").set("telegram-bot-token", "t");
    assertThat(
            Json.parse(Files.readString(dir.resolve("credentials.json")))
                .path("providers")
                .path("openai")
                .path("access_token")
                .asString())
        .isEqualTo("enc:v2:xyz");
  }

  @Test
  void badInputIsRejectedClearly() throws Exception {
    assertThatThrownBy(() -> keyed("short")).hasMessageContaining("at least 8 characters");
    assertThatThrownBy(() -> keyed("correct horse battery").set("bad id!", "x"))
        .hasMessageContaining(
            "integration credential id 'bad \u2026' (7 chars) contains unsupported characters");
    Files.writeString(dir.resolve("credentials.json"), "not json");
    assertThatThrownBy(() -> keyed("correct horse battery"))
        .isInstanceOf(CredentialStoreException.class)
        .hasMessageContaining("is not valid JSON");
  }

  @Test
  void plainModeAndTheResolutionOrder() {
    CredentialStore plain =
        CredentialStore.open(
            dir.resolve("credentials.json"), StoreEncryption.NONE, null, Map.of(), clock);
    plain.set("telegram-bot-token", "from-store");
    assertThat(ChannelSecrets.resolve("from-flag", "telegram-bot-token", () -> plain).source())
        .isEqualTo(SecretSource.CLI_OR_ENV);
    ResolvedSecret stored = ChannelSecrets.resolve("  ", "telegram-bot-token", () -> plain);
    assertThat(stored.value()).contains("from-store");
    assertThat(ChannelSecrets.resolve(null, "discord-bot-token", () -> plain).source())
        .isEqualTo(SecretSource.MISSING);
    assertThat(
            ChannelSecrets.resolve(
                    null,
                    "telegram-bot-token",
                    () -> {
                      throw new CredentialStoreException("unreadable");
                    })
                .source())
        .isEqualTo(SecretSource.CREDENTIAL_STORE_ERROR);
  }

  @Test
  void theMachineSeedFollowsTheSpecOrder() {
    String seed =
        SecretCipher.machineSeed(Map.of("USER", "ops", "HOME", "/home/ops", "HOSTNAME", "box"));
    assertThat(seed)
        .startsWith("tau-credential-store-machine-key-v1|os=linux|arch=")
        .contains("|HOSTNAME=box|USER=ops|HOME=/home/ops");
  }
}
