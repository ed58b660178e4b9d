package dev.tau.channels.access;

import dev.tau.channels.PolicyFileException;
import dev.tau.channels.PolicyJson;
import dev.tau.channels.Transport;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * The channel policy file {@code <tau_root>/security/channel-policy.json} (tau-spec §5.6.1). A
 * missing file means every default. Per-channel entries fill absent fields from {@link
 * ChannelPolicy#DEFAULT} (as the original does), not from {@code defaultPolicy}.
 */
public record ChannelPolicyConfig(
    boolean strictMode,
    SecureMessaging secureMessaging,
    ChannelPolicy defaultPolicy,
    Map<String, ChannelPolicy> channels) {

  public static final String FILE_NAME = "channel-policy.json";

  /** Secure messaging settings; skew and replay window in seconds. */
  public record SecureMessaging(
      SecureMessagingMode mode, long timestampSkewSeconds, long replayWindowSeconds) {
    public static final SecureMessaging DEFAULT =
        new SecureMessaging(SecureMessagingMode.PREFERRED, 300, 300);

    public SecureMessaging {
      Objects.requireNonNull(mode, "secureMessaging.mode");
      if (timestampSkewSeconds < 0 || replayWindowSeconds < 0) {
        throw new IllegalArgumentException("secureMessaging windows must not be negative");
      }
    }
  }

  public static final ChannelPolicyConfig DEFAULT =
      new ChannelPolicyConfig(false, SecureMessaging.DEFAULT, ChannelPolicy.DEFAULT, Map.of());

  public ChannelPolicyConfig {
    Objects.requireNonNull(secureMessaging, "secureMessaging");
    Objects.requireNonNull(defaultPolicy, "defaultPolicy");
    channels = Map.copyOf(channels);
    for (String key : channels.keySet()) {
      if (key.isBlank()) {
        throw new IllegalArgumentException("channel policy keys cannot be empty");
      }
    }
  }

  /** Which entry applied: the key as reported in {@code matched_policy_key}, and the policy. */
  public record Match(String key, ChannelPolicy policy) {}

  /** Exact {@code P}, then {@code <transport>:*}, then {@code *}, then the default. */
  public Match lookup(Transport transport, String policyChannel) {
    ChannelPolicy exact = channels.get(policyChannel);
    if (exact != null) {
      return new Match(policyChannel, exact);
    }
    String wildcard = WILDCARDS.get(transport);
    ChannelPolicy byTransport = channels.get(wildcard);
    if (byTransport != null) {
      return new Match(wildcard, byTransport);
    }
    ChannelPolicy any = channels.get("*");
    if (any != null) {
      return new Match("*", any);
    }
    return new Match("default", defaultPolicy);
  }

  private static final Map<Transport, String> WILDCARDS = wildcards();

  private static Map<Transport, String> wildcards() {
    Map<Transport, String> map = new java.util.EnumMap<>(Transport.class);
    for (Transport t : Transport.values()) {
      map.put(t, t.wire() + ":*");
    }
    return map;
  }

  /** True when the default or any channel entry lets anyone DM the agent. */
  public boolean hasOpenDmRisk() {
    return defaultPolicy.openDm() || channels.values().stream().anyMatch(ChannelPolicy::openDm);
  }

  /**
   * Loads the file; absent → {@link #DEFAULT}.
   *
   * @throws PolicyFileException naming the file and field when it is invalid
   */
  public static ChannelPolicyConfig load(Path file) {
    return PolicyJson.readIfExists(file).map(node -> parse(file, node)).orElse(DEFAULT);
  }

  private static final Set<String> TOP =
      Set.of("schema_version", "strictMode", "secureMessaging", "defaultPolicy", "channels");
  private static final Set<String> SECURE =
      Set.of("mode", "timestampSkewSeconds", "replayWindowSeconds");
  private static final Set<String> POLICY =
      Set.of("dmPolicy", "allowFrom", "groupPolicy", "requireMention");

  static ChannelPolicyConfig parse(Path file, JsonNode root) {
    PolicyJson json = PolicyJson.of(file);
    json.object(root, "", TOP);
    json.schemaVersion(root, "", false);
    SecureMessaging secure = SecureMessaging.DEFAULT;
    JsonNode rawSecure = root.get("secureMessaging");
    if (rawSecure != null && !rawSecure.isNull()) {
      json.object(rawSecure, "secureMessaging", SECURE);
      secure =
          new SecureMessaging(
              json.enumValue(
                  rawSecure,
                  "mode",
                  "secureMessaging",
                  SecureMessagingMode.class,
                  SecureMessagingMode.PREFERRED),
              json.integer(rawSecure, "timestampSkewSeconds", "secureMessaging", 300),
              json.integer(rawSecure, "replayWindowSeconds", "secureMessaging", 300));
    }
    ChannelPolicy defaultPolicy = ChannelPolicy.DEFAULT;
    JsonNode rawDefault = root.get("defaultPolicy");
    if (rawDefault != null && !rawDefault.isNull()) {
      defaultPolicy = policy(json, rawDefault, "defaultPolicy");
    }
    Map<String, ChannelPolicy> channels = new LinkedHashMap<>();
    JsonNode rawChannels = root.get("channels");
    if (rawChannels != null && !rawChannels.isNull()) {
      if (!rawChannels.isObject()) {
        throw json.error("channels", "must be a JSON object");
      }
      for (var entry : rawChannels.properties()) {
        String key = entry.getKey().strip();
        if (key.isEmpty()) {
          throw json.error("channels", "has an empty channel key");
        }
        channels.put(key, policy(json, entry.getValue(), "channels." + entry.getKey()));
      }
    }
    return new ChannelPolicyConfig(
        json.bool(root, "strictMode", "", false), secure, defaultPolicy, channels);
  }

  private static ChannelPolicy policy(PolicyJson json, JsonNode node, String field) {
    json.object(node, field, POLICY);
    ChannelPolicy d = ChannelPolicy.DEFAULT;
    return new ChannelPolicy(
        json.enumValue(node, "dmPolicy", field, PolicyAction.class, d.dmPolicy()),
        json.enumValue(node, "allowFrom", field, AllowFrom.class, d.allowFrom()),
        json.enumValue(node, "groupPolicy", field, PolicyAction.class, d.groupPolicy()),
        json.bool(node, "requireMention", field, d.requireMention()));
  }
}
