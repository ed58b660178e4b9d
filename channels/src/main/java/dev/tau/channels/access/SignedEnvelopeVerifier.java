package dev.tau.channels.access;

import dev.tau.channels.InboundEvent;
import dev.tau.channels.PolicyFileException;
import dev.tau.core.json.Json;
import dev.tau.core.util.AtomicFiles;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.EdECPoint;
import java.security.spec.EdECPublicKeySpec;
import java.security.spec.NamedParameterSpec;
import java.time.Clock;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Verifies the {@code signed_envelope} metadata of an event (tau-spec §5.6.2): field matches,
 * timestamp window, trust root ({@code <tau_root>/security/trust-roots.json}), Ed25519 signature
 * and the nonce replay guard ({@code signed-envelope-replay.json}).
 */
public final class SignedEnvelopeVerifier {
  private final Path trustRootsFile;
  private final Path replayFile;
  private final Clock clock;

  public SignedEnvelopeVerifier(Path securityDir, Clock clock) {
    this.trustRootsFile = securityDir.resolve("trust-roots.json");
    this.replayFile = securityDir.resolve("signed-envelope-replay.json");
    this.clock = clock;
  }

  /** The bytes that are signed: {@code v1\nchannel=…\nactor_id=…\n…\ntext_sha256=<hex>}. */
  public static byte[] message(
      String channel, String actorId, String eventId, long timestampMs, String nonce, String text) {
    String digest;
    try {
      digest =
          HexFormat.of()
              .formatHex(
                  MessageDigest.getInstance("SHA-256")
                      .digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("SHA-256 is missing from this JDK", e);
    }
    return ("v1\nchannel="
            + channel.strip()
            + "\nactor_id="
            + actorId.strip()
            + "\nevent_id="
            + eventId.strip()
            + "\ntimestamp_ms="
            + timestampMs
            + "\nnonce="
            + nonce.strip()
            + "\ntext_sha256="
            + digest)
        .getBytes(StandardCharsets.UTF_8);
  }

  SecureMessagingDecision verify(
      InboundEvent event, String policyChannel, ChannelPolicyConfig.SecureMessaging settings) {
    SecureMessagingMode mode = settings.mode();
    JsonNode raw = event.metadata().get("signed_envelope");
    if (raw == null) {
      return new SecureMessagingDecision(
          mode,
          SecureMessagingDecision.Status.MISSING,
          mode == SecureMessagingMode.REQUIRED
              ? AccessReason.DENY_SIGNED_ENVELOPE_MISSING
              : AccessReason.SIGNED_ENVELOPE_MISSING,
          true,
          mode != SecureMessagingMode.REQUIRED,
          "",
          "");
    }
    AccessReason denial = check(event, policyChannel, settings, raw);
    if (denial != null) {
      return new SecureMessagingDecision(
          mode, SecureMessagingDecision.Status.DENY, denial, true, false, "", "");
    }
    return new SecureMessagingDecision(
        mode,
        SecureMessagingDecision.Status.ALLOW,
        AccessReason.ALLOW_SIGNED_ENVELOPE_VERIFIED,
        true,
        false,
        raw.get("key_id").asString().strip(),
        raw.get("nonce").asString().strip());
  }

  /** The deny reason, or null when the envelope verifies (the nonce is then recorded). */
  private AccessReason check(
      InboundEvent event,
      String policyChannel,
      ChannelPolicyConfig.SecureMessaging settings,
      JsonNode raw) {
    if (!raw.isObject()) {
      return AccessReason.DENY_SIGNED_ENVELOPE_INVALID_METADATA;
    }
    JsonNode schema = raw.get("schema_version");
    String keyId = text(raw, "key_id");
    String nonce = text(raw, "nonce");
    String channel = text(raw, "channel");
    String actor = text(raw, "actor_id");
    String eventId = text(raw, "event_id");
    String signature = text(raw, "signature");
    JsonNode ts = raw.get("timestamp_ms");
    if (keyId == null
        || nonce == null
        || channel == null
        || actor == null
        || eventId == null
        || signature == null
        || ts == null
        || !ts.isIntegralNumber()
        || (schema != null && !schema.isIntegralNumber())) {
      return AccessReason.DENY_SIGNED_ENVELOPE_INVALID_METADATA;
    }
    if (schema != null && schema.asLong() != 1) {
      return AccessReason.DENY_SIGNED_ENVELOPE_UNSUPPORTED_SCHEMA;
    }
    long timestamp = ts.asLong();
    if (keyId.isEmpty()
        || nonce.isEmpty()
        || channel.isEmpty()
        || actor.isEmpty()
        || eventId.isEmpty()
        || signature.isEmpty()
        || timestamp <= 0) {
      return AccessReason.DENY_SIGNED_ENVELOPE_INVALID_METADATA;
    }
    if (!channel.equals(policyChannel.strip())) {
      return AccessReason.DENY_SIGNED_ENVELOPE_CHANNEL_MISMATCH;
    }
    if (!actor.equalsIgnoreCase(event.actorId().strip())) {
      return AccessReason.DENY_SIGNED_ENVELOPE_ACTOR_MISMATCH;
    }
    if (!eventId.equals(event.eventId().strip())) {
      return AccessReason.DENY_SIGNED_ENVELOPE_EVENT_MISMATCH;
    }
    if (timestamp != event.timestampMs()) {
      return AccessReason.DENY_SIGNED_ENVELOPE_TIMESTAMP_MISMATCH;
    }
    long now = clock.millis();
    long skewMs = settings.timestampSkewSeconds() * 1000;
    if (skewMs > 0 && (timestamp > now + skewMs || now > timestamp + skewMs)) {
      return AccessReason.DENY_SIGNED_ENVELOPE_TIMESTAMP_OUT_OF_WINDOW;
    }
    TrustRoots roots;
    try {
      roots = TrustRoots.load(trustRootsFile);
    } catch (PolicyFileException e) {
      return AccessReason.DENY_SIGNED_ENVELOPE_TRUST_STORE_ERROR;
    }
    TrustRoots.Root root = roots.find(keyId).orElse(null);
    if (root == null) {
      return AccessReason.DENY_SIGNED_ENVELOPE_UNTRUSTED_KEY;
    }
    if (root.revoked()) {
      return AccessReason.DENY_SIGNED_ENVELOPE_REVOKED_KEY;
    }
    if (!root.usableAt(now)) {
      return AccessReason.DENY_SIGNED_ENVELOPE_EXPIRED_KEY;
    }
    byte[] message =
        message(policyChannel, event.actorId(), event.eventId(), timestamp, nonce, event.text());
    if (!verifyEd25519(message, signature, root.publicKey())) {
      return AccessReason.DENY_SIGNED_ENVELOPE_INVALID_SIGNATURE;
    }
    try {
      return recordNonce(keyId, nonce, now, settings.replayWindowSeconds())
          ? null
          : AccessReason.DENY_SIGNED_ENVELOPE_REPLAY;
    } catch (IOException | PolicyFileException e) {
      return AccessReason.DENY_SIGNED_ENVELOPE_REPLAY_GUARD_ERROR;
    }
  }

  private static String text(JsonNode node, String field) {
    JsonNode value = node.get(field);
    return value != null && value.isString() ? value.asString().strip() : null;
  }

  static boolean verifyEd25519(byte[] message, String signatureBase64, String publicKeyBase64) {
    try {
      byte[] sig = Base64.getDecoder().decode(signatureBase64.strip());
      byte[] key = Base64.getDecoder().decode(publicKeyBase64.strip());
      if (sig.length != 64 || key.length != 32) {
        return false;
      }
      Signature verifier = Signature.getInstance("Ed25519");
      verifier.initVerify(publicKey(key));
      verifier.update(message);
      return verifier.verify(sig);
    } catch (IllegalArgumentException | GeneralSecurityException e) {
      return false;
    }
  }

  /** A raw 32-byte RFC 8032 public key as a JCA key. */
  static PublicKey publicKey(byte[] raw) throws GeneralSecurityException {
    byte[] le = raw.clone();
    boolean xOdd = (le[31] & 0x80) != 0;
    le[31] &= 0x7F;
    byte[] be = new byte[32];
    for (int i = 0; i < 32; i++) {
      be[i] = le[31 - i];
    }
    EdECPoint point = new EdECPoint(xOdd, new BigInteger(1, be));
    return KeyFactory.getInstance("Ed25519")
        .generatePublic(new EdECPublicKeySpec(NamedParameterSpec.ED25519, point));
  }

  /** Records the nonce; false when it was seen within the window (a replay). */
  private synchronized boolean recordNonce(String keyId, String nonce, long now, long windowSeconds)
      throws IOException {
    long windowMs = Math.max(1, windowSeconds) * 1000;
    Map<String, Long> seen = new TreeMap<>();
    var doc = dev.tau.channels.PolicyJson.readIfExists(replayFile);
    if (doc.isPresent()) {
      JsonNode root = doc.get();
      JsonNode schema = root.get("schema_version");
      if (schema == null || schema.asLong() != 1) {
        throw new PolicyFileException(replayFile, "field 'schema_version' must be 1");
      }
      JsonNode map = root.get("nonce_last_seen_unix_ms");
      if (map != null && map.isObject()) {
        for (var e : map.properties()) {
          seen.put(e.getKey(), e.getValue().asLong());
        }
      }
    }
    seen.values().removeIf(last -> now - last > windowMs * 3);
    String key = keyId.toLowerCase(Locale.ROOT) + ':' + nonce.toLowerCase(Locale.ROOT);
    Long last = seen.get(key);
    if (last != null && now - last <= windowMs) {
      return false;
    }
    seen.put(key, now);
    ObjectNode out = Json.object();
    out.put("schema_version", 1);
    ObjectNode map = out.putObject("nonce_last_seen_unix_ms");
    seen.forEach(map::put);
    AtomicFiles.writeOwnerOnly(
        replayFile, Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(out) + "\n");
    return true;
  }
}
