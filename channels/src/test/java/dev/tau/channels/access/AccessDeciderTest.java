package dev.tau.channels.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tau.channels.EventKind;
import dev.tau.channels.InboundEvent;
import dev.tau.channels.PolicyFileException;
import dev.tau.channels.Transport;
import dev.tau.core.json.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.BooleanNode;
import tools.jackson.databind.node.StringNode;

class AccessDeciderTest {
  static final long NOW = 1_760_100_000_000L;
  final Clock clock = Clock.fixed(Instant.ofEpochMilli(NOW), ZoneOffset.UTC);

  @TempDir Path root;
  Path security;

  @BeforeEach
  void setUp() throws Exception {
    security = Files.createDirectories(root.resolve("security"));
  }

  void write(String name, String json) throws Exception {
    Files.writeString(security.resolve(name), json);
  }

  static InboundEvent event(
      Transport t, String conversation, String actor, String text, Map<String, JsonNode> meta) {
    return new InboundEvent(
        1,
        t,
        EventKind.fromText(text),
        "e1",
        conversation,
        "",
        actor,
        "",
        NOW,
        text,
        List.of(),
        meta);
  }

  static InboundEvent dm(String actor) {
    return event(
        Transport.TELEGRAM,
        "chat-100",
        actor,
        "hello",
        Map.of("chat_type", StringNode.valueOf("private")));
  }

  static InboundEvent group(String text) {
    return event(
        Transport.DISCORD,
        "ops-room",
        "ops-lead",
        text,
        Map.of("guild_id", StringNode.valueOf("g")));
  }

  AccessDecision decide(InboundEvent e) {
    return AccessDecider.load(root, clock).decide(e);
  }

  @Test
  void noFilesMeansPermissiveAllowAndNothingEnforced() {
    AccessDecision d = decide(dm("user-7"));
    assertThat(d.reason()).isEqualTo(AccessReason.ALLOW_PERMISSIVE_MODE);
    assertThat(d.policyEnforced()).isFalse();
    assertThat(d.channelPolicy().matchedPolicyKey()).isEqualTo("default");
    assertThat(d.channelPolicy().reason())
        .isEqualTo(AccessReason.ALLOW_CHANNEL_POLICY_ALLOW_FROM_ALLOWLIST_OR_PAIRING);
    assertThat(d.secureMessaging().status()).isEqualTo(SecureMessagingDecision.Status.MISSING);
    assertThat(d.secureMessaging().legacyFallback()).isTrue();
    assertThat(d.pairing().checked()).isTrue();
  }

  @Test
  void channelPolicyLookupOrderIsExactThenTransportWildcardThenStarThenDefault() throws Exception {
    write(
        "channel-policy.json",
        """
        {"schema_version":1,"channels":{
          "telegram:chat-100":{"dmPolicy":"deny"},
          "telegram:*":{"allowFrom":"any"},
          "*":{"groupPolicy":"deny"}}}
        """);
    assertThat(decide(dm("u")).reason()).isEqualTo(AccessReason.DENY_CHANNEL_POLICY_DM);
    InboundEvent other =
        event(Transport.TELEGRAM, "chat-200", "u", "hi", Map.of("is_dm", BooleanNode.TRUE));
    assertThat(decide(other).channelPolicy().matchedPolicyKey()).isEqualTo("telegram:*");
    assertThat(decide(other).reason()).isEqualTo(AccessReason.ALLOW_CHANNEL_POLICY_ALLOW_FROM_ANY);
    AccessDecision g = decide(group("hi"));
    assertThat(g.channelPolicy().matchedPolicyKey()).isEqualTo("*");
    assertThat(g.reason()).isEqualTo(AccessReason.DENY_CHANNEL_POLICY_GROUP);
    assertThat(g.secureMessaging().reason())
        .isEqualTo(AccessReason.SECURE_MESSAGING_SKIPPED_CHANNEL_POLICY_DENY);
    assertThat(g.pairing().checked()).isFalse();
    assertThat(g.policyEnforced()).isTrue();
  }

  @Test
  void requireMentionAppliesToGroupsOnly() throws Exception {
    write(
        "channel-policy.json",
        """
        {"schema_version":1,"defaultPolicy":{"allowFrom":"any","requireMention":true}}
        """);
    assertThat(decide(group("hello all")).reason())
        .isEqualTo(AccessReason.DENY_CHANNEL_POLICY_MENTION_REQUIRED);
    assertThat(decide(group("hey @TAU look")).reason())
        .isEqualTo(AccessReason.ALLOW_CHANNEL_POLICY_ALLOW_FROM_ANY);
    assertThat(decide(group("/deploy")).allowed()).isTrue();
    assertThat(decide(group("<@123> hi")).allowed()).isTrue();
    AccessDecision dmDecision = decide(dm("u"));
    assertThat(dmDecision.reason()).isEqualTo(AccessReason.ALLOW_CHANNEL_POLICY_ALLOW_FROM_ANY);
    assertThat(dmDecision.policyEnforced())
        .as("enforced = requireMention for allowFrom=any")
        .isTrue();
    assertThat(dmDecision.pairing().checked()).isFalse();
  }

  @Test
  void whatsappIsAlwaysADirectMessage() throws Exception {
    write(
        "channel-policy.json", "{\"schema_version\":1,\"defaultPolicy\":{\"dmPolicy\":\"deny\"}}");
    InboundEvent wa =
        event(Transport.WHATSAPP, "p:1", "1", "hi", Map.of("guild_id", StringNode.valueOf("x")));
    assertThat(decide(wa).reason()).isEqualTo(AccessReason.DENY_CHANNEL_POLICY_DM);
  }

  @Test
  void allowlistAndPairingsDecideWhenStrictEffective() throws Exception {
    write(
        "allowlist.json",
        """
        {"schema_version":1,"strict":false,"channels":{"telegram:chat-100":["User-7"],"discord":["ops-lead"],"*":[]}}
        """);
    write(
        "pairings.json",
        """
        {"schema_version":1,"pairings":[
          {"channel":"telegram:chat-100","actor_id":"user-9","paired_by":"operator","issued_unix_ms":1,"expires_unix_ms":null},
          {"channel":"telegram","actor_id":"user-7","issued_unix_ms":1,"expires_unix_ms":1760200000000},
          {"channel":"telegram:chat-100","actor_id":"user-old","issued_unix_ms":1,"expires_unix_ms":1760100000000}]}
        """);
    assertThat(decide(dm("user-7")).reason()).isEqualTo(AccessReason.ALLOW_ALLOWLIST_AND_PAIRING);
    assertThat(decide(dm("user-9")).reason()).isEqualTo(AccessReason.ALLOW_PAIRING);
    assertThat(decide(dm("user-old")).reason())
        .as("expires <= now is expired")
        .isEqualTo(AccessReason.DENY_ACTOR_NOT_PAIRED_OR_ALLOWLISTED);
    assertThat(decide(dm("stranger")).reason())
        .isEqualTo(AccessReason.DENY_ACTOR_NOT_PAIRED_OR_ALLOWLISTED);
    assertThat(decide(group("@tau hi")).reason()).isEqualTo(AccessReason.ALLOW_ALLOWLIST);
    assertThat(decide(dm("stranger")).policyEnforced()).isTrue();
  }

  @Test
  void allowlistOnlyTurnsPairingAndPermissiveAllowsIntoDeny() throws Exception {
    write(
        "channel-policy.json",
        "{\"schema_version\":1,\"defaultPolicy\":{\"allowFrom\":\"allowlist_only\"}}");
    assertThat(decide(dm("anyone")).reason())
        .isEqualTo(AccessReason.DENY_CHANNEL_POLICY_ALLOW_FROM_ALLOWLIST_ONLY);
    write("allowlist.json", "{\"schema_version\":1,\"channels\":{\"telegram\":[\"user-7\"]}}");
    write(
        "pairings.json",
        "{\"schema_version\":1,\"pairings\":[{\"channel\":\"telegram:chat-100\",\"actor_id\":\"user-9\"}]}");
    assertThat(decide(dm("user-9")).reason())
        .isEqualTo(AccessReason.DENY_CHANNEL_POLICY_ALLOW_FROM_ALLOWLIST_ONLY);
    assertThat(decide(dm("user-7")).reason()).isEqualTo(AccessReason.ALLOW_ALLOWLIST);
    assertThat(decide(dm("nobody")).reason())
        .isEqualTo(AccessReason.DENY_ACTOR_NOT_PAIRED_OR_ALLOWLISTED);
  }

  @Test
  void blankActorIsMissingOnlyWhenStrict() throws Exception {
    write("allowlist.json", "{\"schema_version\":1,\"strict\":true}");
    PairingPolicy p = PairingPolicy.load(security, root);
    assertThat(p.evaluate("telegram:chat-100", " ", NOW))
        .isEqualTo(AccessReason.DENY_ACTOR_ID_MISSING);
    assertThat(PairingPolicy.empty().evaluate("telegram:chat-100", " ", NOW))
        .isEqualTo(AccessReason.ALLOW_PERMISSIVE_MODE);
  }

  @Test
  void didActorsMustParseAndHaveATrustedRoot() throws Exception {
    Files.writeString(
        root.resolve("trust-roots.json"),
        "{\"roots\":[{\"id\":\"root-a\",\"public_key\":\"x\"},{\"id\":\"root-b\",\"public_key\":\"x\",\"revoked\":true}]}");
    PairingPolicy p = PairingPolicy.load(security, root);
    assertThat(p.evaluate("telegram:c", "did:web:x", NOW))
        .isEqualTo(AccessReason.DENY_ACTOR_DID_INVALID);
    assertThat(p.evaluate("telegram:c", "did:kamn:root-b:alice", NOW))
        .isEqualTo(AccessReason.DENY_ACTOR_DID_UNTRUSTED);
    assertThat(p.evaluate("telegram:c", "did:kamn:root-z:alice", NOW))
        .isEqualTo(AccessReason.DENY_ACTOR_DID_UNTRUSTED);
    assertThat(p.evaluate("telegram:c", "did:kamn:root-a:alice#k1", NOW))
        .isEqualTo(AccessReason.ALLOW_PERMISSIVE_MODE);
  }

  @Test
  void brokenFilesBecomeDenyDecisionsWithWarnings() throws Exception {
    write("pairings.json", "{\"schema_version\":2}");
    AccessDecider decider = AccessDecider.load(root, clock);
    assertThat(decider.warnings()).singleElement().asString().contains("pairings.json");
    assertThat(decider.decide(dm("u")).reason())
        .isEqualTo(AccessReason.DENY_POLICY_EVALUATION_ERROR);
    write("channel-policy.json", "{not json");
    AccessDecision d = AccessDecider.load(root, clock).decide(dm("u"));
    assertThat(d.reason()).isEqualTo(AccessReason.DENY_CHANNEL_POLICY_LOAD_ERROR);
    assertThat(d.policyEnforced()).isTrue();
  }

  @Test
  void policyFilesAreReadStrictlyNamingFileAndField() throws Exception {
    write(
        "channel-policy.json", "{\"schema_version\":1,\"defaultPolicy\":{\"dmPolicy\":\"maybe\"}}");
    assertThatThrownBy(() -> ChannelPolicyConfig.load(security.resolve("channel-policy.json")))
        .isInstanceOf(PolicyFileException.class)
        .hasMessageContaining("channel-policy.json")
        .hasMessageContaining("'defaultPolicy.dmPolicy' must be one of allow|deny");
    write(
        "channel-policy.json",
        "{\"schema_version\":1,\"channels\":{\"discord:x\":{\"dmpolicy\":\"deny\"}}}");
    assertThatThrownBy(() -> ChannelPolicyConfig.load(security.resolve("channel-policy.json")))
        .hasMessageContaining("'channels.discord:x.dmpolicy' is not a known field");
    write("channel-policy.json", "{\"schema_version\":3}");
    assertThatThrownBy(() -> ChannelPolicyConfig.load(security.resolve("channel-policy.json")))
        .hasMessageContaining("'schema_version' must be 1");
    write("allowlist.json", "{\"schema_version\":1,\"channels\":{\"telegram\":[7]}}");
    assertThatThrownBy(() -> PairingPolicy.load(security, root))
        .hasMessageContaining("allowlist.json")
        .hasMessageContaining("channels.telegram");
  }

  @Test
  void readinessFlagsOpenDmPoliciesAndFailsThemUnderStrictMode() throws Exception {
    Path file = security.resolve("channel-policy.json");
    assertThat(ChannelPolicyReadiness.evaluate(file))
        .extracting(ChannelPolicyReadiness.Check::code)
        .containsExactly("missing", "unknown_without_policy_file");
    write(
        "channel-policy.json",
        "{\"schema_version\":1,\"channels\":{\"discord:ops-room\":{\"allowFrom\":\"any\"}}}");
    assertThat(ChannelPolicyReadiness.evaluate(file).get(1))
        .extracting(ChannelPolicyReadiness.Check::status, ChannelPolicyReadiness.Check::code)
        .containsExactly(ChannelPolicyReadiness.Status.WARN, "unsafe_open_dm_warn");
    write(
        "channel-policy.json",
        "{\"schema_version\":1,\"strictMode\":true,\"channels\":{\"discord:ops-room\":{\"allowFrom\":\"any\"}}}");
    assertThat(ChannelPolicyReadiness.evaluate(file).get(1))
        .extracting(ChannelPolicyReadiness.Check::status, ChannelPolicyReadiness.Check::code)
        .containsExactly(ChannelPolicyReadiness.Status.FAIL, "unsafe_open_dm_fail");
    write(
        "channel-policy.json",
        "{\"schema_version\":1,\"strictMode\":true,\"channels\":{\"discord:ops-room\":{\"allowFrom\":\"any\",\"dmPolicy\":\"deny\"}}}");
    assertThat(ChannelPolicyReadiness.evaluate(file).get(1).code()).isEqualTo("no_open_dm_risk");
    write("channel-policy.json", "[");
    assertThat(ChannelPolicyReadiness.evaluate(file))
        .extracting(ChannelPolicyReadiness.Check::code)
        .satisfies(codes -> assertThat(codes.get(0)).startsWith("parse_error:"))
        .satisfies(codes -> assertThat(codes.get(1)).isEqualTo("blocked_by_policy_parse_error"));
  }

  // --- signed envelopes ---

  KeyPair keys() throws Exception {
    return KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
  }

  void trust(KeyPair kp, String extra) throws Exception {
    byte[] encoded = kp.getPublic().getEncoded();
    byte[] raw = Arrays.copyOfRange(encoded, encoded.length - 32, encoded.length);
    write(
        "trust-roots.json",
        "{\"roots\":[{\"id\":\"key-1\",\"public_key\":\""
            + Base64.getEncoder().encodeToString(raw)
            + "\""
            + extra
            + "}]}");
  }

  InboundEvent signed(KeyPair kp, String nonce, String signedText) throws Exception {
    byte[] msg =
        SignedEnvelopeVerifier.message("telegram:chat-100", "user-7", "e1", NOW, nonce, signedText);
    Signature s = Signature.getInstance("Ed25519");
    s.initSign(kp.getPrivate());
    s.update(msg);
    var env = Json.object();
    env.put("schema_version", 1);
    env.put("key_id", "key-1");
    env.put("nonce", nonce);
    env.put("timestamp_ms", NOW);
    env.put("channel", "telegram:chat-100");
    env.put("actor_id", "USER-7");
    env.put("event_id", "e1");
    env.put("signature", Base64.getEncoder().encodeToString(s.sign()));
    Map<String, JsonNode> meta = new LinkedHashMap<>();
    meta.put("chat_type", StringNode.valueOf("private"));
    meta.put("signed_envelope", env);
    return event(Transport.TELEGRAM, "chat-100", "user-7", "hello", meta);
  }

  @Test
  void verifiedEnvelopeAllowsAndBypassesPairingThenReplayIsDenied() throws Exception {
    KeyPair kp = keys();
    trust(kp, "");
    write("allowlist.json", "{\"schema_version\":1,\"strict\":true}");
    InboundEvent e = signed(kp, "n-1", "hello");
    AccessDecision d = decide(e);
    assertThat(d.reason()).isEqualTo(AccessReason.ALLOW_SIGNED_ENVELOPE_VERIFIED);
    assertThat(d.secureMessaging().keyId()).isEqualTo("key-1");
    assertThat(d.pairing().checked()).isFalse();
    assertThat(d.policyEnforced()).isTrue();
    assertThat(decide(e).reason()).isEqualTo(AccessReason.DENY_SIGNED_ENVELOPE_REPLAY);
  }

  @Test
  void tamperedTextUnknownRevokedAndExpiredKeysAreDenied() throws Exception {
    KeyPair kp = keys();
    trust(kp, "");
    assertThat(decide(signed(kp, "n-2", "other text")).reason())
        .isEqualTo(AccessReason.DENY_SIGNED_ENVELOPE_INVALID_SIGNATURE);
    trust(kp, ",\"revoked\":true");
    assertThat(decide(signed(kp, "n-3", "hello")).reason())
        .isEqualTo(AccessReason.DENY_SIGNED_ENVELOPE_REVOKED_KEY);
    trust(kp, ",\"expires_unix\":1760000000");
    assertThat(decide(signed(kp, "n-4", "hello")).reason())
        .isEqualTo(AccessReason.DENY_SIGNED_ENVELOPE_EXPIRED_KEY);
    write("trust-roots.json", "[]");
    assertThat(decide(signed(kp, "n-5", "hello")).reason())
        .isEqualTo(AccessReason.DENY_SIGNED_ENVELOPE_UNTRUSTED_KEY);
    write("trust-roots.json", "{oops");
    assertThat(decide(signed(kp, "n-6", "hello")).reason())
        .isEqualTo(AccessReason.DENY_SIGNED_ENVELOPE_TRUST_STORE_ERROR);
  }

  @Test
  void envelopeFieldMismatchesAreDeniedInOrder() throws Exception {
    KeyPair kp = keys();
    trust(kp, "");
    InboundEvent base = signed(kp, "n-7", "hello");
    var env = (tools.jackson.databind.node.ObjectNode) base.metadata().get("signed_envelope");
    record Case(String field, Object value, AccessReason reason) {}
    for (Case c :
        List.of(
            new Case("schema_version", 2, AccessReason.DENY_SIGNED_ENVELOPE_UNSUPPORTED_SCHEMA),
            new Case("nonce", " ", AccessReason.DENY_SIGNED_ENVELOPE_INVALID_METADATA),
            new Case(
                "channel", "telegram:other", AccessReason.DENY_SIGNED_ENVELOPE_CHANNEL_MISMATCH),
            new Case("actor_id", "user-8", AccessReason.DENY_SIGNED_ENVELOPE_ACTOR_MISMATCH),
            new Case("event_id", "e2", AccessReason.DENY_SIGNED_ENVELOPE_EVENT_MISMATCH),
            new Case(
                "timestamp_ms", NOW + 1, AccessReason.DENY_SIGNED_ENVELOPE_TIMESTAMP_MISMATCH))) {
      var copy = env.deepCopy();
      if (c.value() instanceof Integer i) {
        copy.put(c.field(), i);
      } else if (c.value() instanceof Long l) {
        copy.put(c.field(), l);
      } else {
        copy.put(c.field(), (String) c.value());
      }
      Map<String, JsonNode> meta = new LinkedHashMap<>(base.metadata());
      meta.put("signed_envelope", copy);
      InboundEvent e = event(Transport.TELEGRAM, "chat-100", "user-7", "hello", meta);
      assertThat(decide(e).reason()).as(c.field()).isEqualTo(c.reason());
    }
    Map<String, JsonNode> meta = new LinkedHashMap<>(base.metadata());
    meta.put("signed_envelope", StringNode.valueOf("nope"));
    assertThat(decide(event(Transport.TELEGRAM, "chat-100", "user-7", "hello", meta)).reason())
        .isEqualTo(AccessReason.DENY_SIGNED_ENVELOPE_INVALID_METADATA);
  }

  @Test
  void staleEnvelopeIsOutOfWindow() throws Exception {
    KeyPair kp = keys();
    trust(kp, "");
    InboundEvent e = signed(kp, "n-8", "hello");
    Clock later = Clock.fixed(Instant.ofEpochMilli(NOW + 301_000), ZoneOffset.UTC);
    assertThat(AccessDecider.load(root, later).decide(e).reason())
        .isEqualTo(AccessReason.DENY_SIGNED_ENVELOPE_TIMESTAMP_OUT_OF_WINDOW);
  }

  @Test
  void requiredModeDeniesMissingEnvelopesAndDisabledModeSkipsThem() throws Exception {
    write(
        "channel-policy.json",
        "{\"schema_version\":1,\"secureMessaging\":{\"mode\":\"required\"}}");
    AccessDecision d = decide(dm("u"));
    assertThat(d.reason()).isEqualTo(AccessReason.DENY_SIGNED_ENVELOPE_MISSING);
    assertThat(d.secureMessaging().toJson().get("required").asBoolean()).isTrue();
    write(
        "channel-policy.json",
        "{\"schema_version\":1,\"secureMessaging\":{\"mode\":\"disabled\"}}");
    AccessDecision off = decide(dm("u"));
    assertThat(off.secureMessaging().reason()).isEqualTo(AccessReason.SECURE_MESSAGING_DISABLED);
    assertThat(off.reason()).isEqualTo(AccessReason.ALLOW_PERMISSIVE_MODE);
  }

  @Test
  void fragmentsUseTheSpecsFieldNames() {
    AccessDecision d = decide(dm("user-7"));
    assertThat(d.channelPolicy().toJson().propertyNames())
        .containsExactly(
            "decision",
            "reason_code",
            "channel",
            "matched_policy_key",
            "conversation_kind",
            "dm_policy",
            "allow_from",
            "group_policy",
            "require_mention",
            "mention_present");
    assertThat(d.secureMessaging().toJson().propertyNames())
        .containsExactly(
            "mode",
            "status",
            "reason_code",
            "checked",
            "required",
            "legacy_fallback",
            "key_id",
            "nonce");
    assertThat(d.pairing().toJson().propertyNames())
        .containsExactly("decision", "reason_code", "channel", "actor_id", "checked");
    assertThat(d.pairing().toJson().get("channel").asString()).isEqualTo("telegram:chat-100");
  }

  @Test
  void everyReasonCodeIsSnakeCaseOfItsName() {
    for (AccessReason r : AccessReason.values()) {
      assertThat(r.wire()).matches("[a-z_]+");
    }
    assertThat(AccessReason.DENY_SIGNED_ENVELOPE_REPLAY_GUARD_ERROR.wire())
        .isEqualTo("deny_signed_envelope_replay_guard_error");
    assertThat(AccessReason.SIGNED_ENVELOPE_MISSING.allows()).isFalse();
  }

  @Test
  void securityRootRuleUsesParentOfKnownStateDirs() {
    assertThat(SecurityPaths.securityDir(Path.of(".tau/multi-channel")))
        .isEqualTo(Path.of(".tau/security"));
    assertThat(SecurityPaths.securityDir(Path.of("state/custom")))
        .isEqualTo(Path.of("state/custom/security"));
  }

  @Test
  void aLoadedDeciderIsCurrentUntilAPolicyFileIsCreatedChangedOrRemoved() throws Exception {
    AccessDecider loaded = AccessDecider.load(root, clock);
    assertThat(loaded.isCurrent()).as("nothing changed, files still missing").isTrue();
    write("pairings.json", "{\"schema_version\":1,\"pairings\":[]}");
    assertThat(loaded.isCurrent()).as("a file appeared").isFalse();

    AccessDecider again = AccessDecider.load(root, clock);
    assertThat(again.isCurrent()).isTrue();
    write("pairings.json", "{\"schema_version\":1,\"pairings\":[ ]}");
    assertThat(again.isCurrent()).as("a file changed").isFalse();
    assertThat(
            new AccessDecider(ChannelPolicyConfig.DEFAULT, null, null, clock, java.util.List.of())
                .isCurrent())
        .as("built in code")
        .isFalse();
  }
}
