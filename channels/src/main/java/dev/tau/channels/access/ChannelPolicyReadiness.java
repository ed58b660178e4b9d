package dev.tau.channels.access;

import dev.tau.channels.PolicyFileException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * The two channel-policy checks of the live readiness preflight (tau-spec §5.16): {@code
 * multi_channel_live.channel_policy} and {@code multi_channel_live.channel_policy.risk}. With
 * {@code strictMode=true} an open-DM policy ({@code dmPolicy=allow} + {@code allowFrom=any}) fails
 * the gate; without it, it warns.
 */
public final class ChannelPolicyReadiness {
  private ChannelPolicyReadiness() {}

  public enum Status {
    PASS,
    WARN,
    FAIL;

    public String wire() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /** One preflight check line: {@code key status code path action}. */
  public record Check(String key, Status status, String code, String path, String action) {}

  public static List<Check> evaluate(Path policyFile) {
    String path = policyFile.toString();
    String policyKey = "multi_channel_live.channel_policy";
    String riskKey = "multi_channel_live.channel_policy.risk";
    if (!Files.exists(policyFile)) {
      return List.of(
          new Check(
              policyKey, Status.WARN, "missing", path, "create " + path + " to pin channel access"),
          new Check(
              riskKey,
              Status.WARN,
              "unknown_without_policy_file",
              path,
              "create a channel policy to evaluate open-DM risk"));
    }
    ChannelPolicyConfig config;
    try {
      config = ChannelPolicyConfig.load(policyFile);
    } catch (PolicyFileException e) {
      return List.of(
          new Check(policyKey, Status.FAIL, "parse_error:" + e.getMessage(), path, "fix " + path),
          new Check(riskKey, Status.FAIL, "blocked_by_policy_parse_error", path, "fix " + path));
    }
    Check ready = new Check(policyKey, Status.PASS, "ready", path, "none");
    if (!config.hasOpenDmRisk()) {
      return List.of(ready, new Check(riskKey, Status.PASS, "no_open_dm_risk", path, "none"));
    }
    String action = "set dmPolicy=deny or allowFrom=allowlist_or_pairing for open DM policies";
    return List.of(
        ready,
        config.strictMode()
            ? new Check(riskKey, Status.FAIL, "unsafe_open_dm_fail", path, action)
            : new Check(riskKey, Status.WARN, "unsafe_open_dm_warn", path, action));
  }
}
