package dev.tau.channels.access;

import dev.tau.core.json.Json;
import java.util.Locale;
import java.util.Optional;
import tools.jackson.databind.node.ObjectNode;

/** The secure-messaging step's outcome: the {@code secure_messaging} payload fragment (§5.8). */
public record SecureMessagingDecision(
    SecureMessagingMode mode,
    Status status,
    AccessReason reason,
    boolean checked,
    boolean legacyFallback,
    String keyId,
    String nonce) {

  /**
   * {@code skipped} (policy denied), {@code disabled}, {@code missing}, {@code allow}, {@code
   * deny}.
   */
  public enum Status {
    SKIPPED,
    DISABLED,
    MISSING,
    ALLOW,
    DENY;

    public String wire() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  static SecureMessagingDecision skipped(SecureMessagingMode mode) {
    return new SecureMessagingDecision(
        mode,
        Status.SKIPPED,
        AccessReason.SECURE_MESSAGING_SKIPPED_CHANNEL_POLICY_DENY,
        false,
        false,
        "",
        "");
  }

  static SecureMessagingDecision disabled() {
    return new SecureMessagingDecision(
        SecureMessagingMode.DISABLED,
        Status.DISABLED,
        AccessReason.SECURE_MESSAGING_DISABLED,
        false,
        false,
        "",
        "");
  }

  public boolean required() {
    return mode == SecureMessagingMode.REQUIRED;
  }

  /** The key id of a verified envelope. */
  public Optional<String> verifiedKeyId() {
    return status == Status.ALLOW ? Optional.of(keyId) : Optional.empty();
  }

  public ObjectNode toJson() {
    ObjectNode node = Json.object();
    node.put("mode", mode.wire());
    node.put("status", status.wire());
    node.put("reason_code", reason.wire());
    node.put("checked", checked);
    node.put("required", required());
    node.put("legacy_fallback", legacyFallback);
    if (keyId.isEmpty()) {
      node.putNull("key_id");
    } else {
      node.put("key_id", keyId);
    }
    if (nonce.isEmpty()) {
      node.putNull("nonce");
    } else {
      node.put("nonce", nonce);
    }
    return node;
  }
}
