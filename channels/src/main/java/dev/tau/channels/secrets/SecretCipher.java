package dev.tau.channels.secrets;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * The {@code enc:v2:} secret format of tau-spec §1.4: base64(12-byte nonce ‖ AES-256-GCM
 * ciphertext+tag), AAD {@code tau-credential-store-v2}, key = SHA-256 of the configured key or of
 * the machine seed, so stores written by the original can be read.
 */
final class SecretCipher {
  static final String PREFIX = "enc:v2:";
  private static final byte[] AAD = "tau-credential-store-v2".getBytes(StandardCharsets.US_ASCII);
  private static final SecureRandom RANDOM = new SecureRandom();

  private final SecretKeySpec key;

  private SecretCipher(byte[] keyBytes) {
    this.key = new SecretKeySpec(keyBytes, "AES");
  }

  /** A cipher keyed by SHA-256 of {@code configured} (at least 8 characters). */
  static SecretCipher withKey(String configured) {
    if (configured.length() < 8) {
      throw new CredentialStoreException(
          "the credential store key must be at least 8 characters (--credential-store-key)");
    }
    return new SecretCipher(sha256(configured));
  }

  /** A cipher keyed by the machine seed: protects against casual disclosure only. */
  static SecretCipher machine(Map<String, String> env) {
    return new SecretCipher(sha256(machineSeed(env)));
  }

  static String machineSeed(Map<String, String> env) {
    StringBuilder seed = new StringBuilder("tau-credential-store-machine-key-v1");
    seed.append("|os=").append(os()).append("|arch=").append(arch());
    for (String name :
        List.of("HOSTNAME", "COMPUTERNAME", "USER", "USERNAME", "HOME", "USERPROFILE")) {
      String value = env.get(name);
      if (value != null && !value.isEmpty()) {
        seed.append('|').append(name).append('=').append(value);
      }
    }
    for (String file : List.of("/etc/machine-id", "/var/lib/dbus/machine-id")) {
      try {
        String id = Files.readString(Path.of(file)).strip();
        if (!id.isEmpty()) {
          seed.append("|machine_id=").append(id);
          break;
        }
      } catch (java.io.IOException | SecurityException ignored) {
        // the next candidate, or no machine id at all
      }
    }
    return seed.toString();
  }

  /** Rust's {@code std::env::consts::OS} names. */
  private static String os() {
    String name = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
    if (name.contains("mac")) {
      return "macos";
    }
    if (name.contains("win")) {
      return "windows";
    }
    return name.contains("linux") ? "linux" : name;
  }

  /** Rust's {@code std::env::consts::ARCH} names. */
  private static String arch() {
    String arch = System.getProperty("os.arch", "").toLowerCase(Locale.ROOT);
    return switch (arch) {
      case "amd64", "x86_64" -> "x86_64";
      case "aarch64", "arm64" -> "aarch64";
      default -> arch;
    };
  }

  String encrypt(String plain) {
    byte[] nonce = new byte[12];
    RANDOM.nextBytes(nonce);
    try {
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(128, nonce));
      cipher.updateAAD(AAD);
      byte[] sealed = cipher.doFinal(plain.getBytes(StandardCharsets.UTF_8));
      byte[] out = new byte[nonce.length + sealed.length];
      System.arraycopy(nonce, 0, out, 0, nonce.length);
      System.arraycopy(sealed, 0, out, nonce.length, sealed.length);
      return PREFIX + Base64.getEncoder().encodeToString(out);
    } catch (GeneralSecurityException e) {
      throw new CredentialStoreException("cannot encrypt a secret: " + e.getMessage(), e);
    }
  }

  /**
   * @throws CredentialStoreException when the value is not {@code enc:v2:} or does not decrypt with
   *     this key (wrong key, or the file was altered)
   */
  String decrypt(String stored) {
    if (!stored.startsWith(PREFIX)) {
      throw new CredentialStoreException(
          "unsupported secret encoding (only enc:v2: is read; re-save it with 'set')");
    }
    byte[] raw;
    try {
      raw = Base64.getDecoder().decode(stored.substring(PREFIX.length()));
    } catch (IllegalArgumentException e) {
      throw new CredentialStoreException("a stored secret is not valid base64");
    }
    if (raw.length < 12 + 16) {
      throw new CredentialStoreException("a stored secret is truncated");
    }
    try {
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(128, raw, 0, 12));
      cipher.updateAAD(AAD);
      return new String(cipher.doFinal(raw, 12, raw.length - 12), StandardCharsets.UTF_8);
    } catch (javax.crypto.AEADBadTagException e) {
      throw new CredentialStoreException(
          "a stored secret does not decrypt: wrong --credential-store-key, or the file was altered");
    } catch (GeneralSecurityException e) {
      throw new CredentialStoreException("cannot decrypt a stored secret: " + e.getMessage(), e);
    }
  }

  private static byte[] sha256(String text) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }
}
