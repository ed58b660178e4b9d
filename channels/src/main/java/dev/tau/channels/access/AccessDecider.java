package dev.tau.channels.access;

import dev.tau.channels.InboundEvent;
import dev.tau.channels.PolicyFileException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Decides whether an inbound event may reach the agent, in the spec's order (tau-spec §5.6):
 * channel policy → secure messaging (signed envelopes) → pairing/allowlist → combination by {@code
 * allowFrom}. Policy files are loaded once per cycle with {@link #load}; a broken file is not an
 * exception but a decision: a bad channel policy denies every event ({@code
 * deny_channel_policy_load_error}), bad pairing files deny every event that needs pairing ({@code
 * deny_policy_evaluation_error}); {@link #warnings()} says why, for stderr.
 */
public final class AccessDecider {
  private final ChannelPolicyConfig policy;
  private final PairingPolicy pairing;
  private final SignedEnvelopeVerifier verifier;
  private final Clock clock;
  private final List<String> warnings;
  // what the policy files looked like when they were read; null for a decider built in code
  private final List<Path> files;
  private final String fingerprint;

  /**
   * For a runner that already holds its policies; a null policy or pairing means "failed to load".
   */
  public AccessDecider(
      ChannelPolicyConfig policy,
      PairingPolicy pairing,
      SignedEnvelopeVerifier verifier,
      Clock clock,
      List<String> warnings) {
    this.policy = policy;
    this.pairing = pairing;
    this.verifier = verifier;
    this.clock = clock;
    this.warnings = List.copyOf(warnings);
    this.files = null;
    this.fingerprint = null;
  }

  private AccessDecider(AccessDecider loaded, List<Path> files, String fingerprint) {
    this.policy = loaded.policy;
    this.pairing = loaded.pairing;
    this.verifier = loaded.verifier;
    this.clock = loaded.clock;
    this.warnings = loaded.warnings;
    this.files = files;
    this.fingerprint = fingerprint;
  }

  /** Loads the policy files under {@code <tauRoot>/security/}. Never throws for a bad file. */
  public static AccessDecider load(Path tauRoot, Clock clock) {
    Path security = tauRoot.resolve("security");
    List<Path> files =
        List.of(
            security.resolve(ChannelPolicyConfig.FILE_NAME),
            security.resolve(PairingPolicy.ALLOWLIST_FILE),
            security.resolve(PairingPolicy.PAIRINGS_FILE),
            tauRoot.resolve("trust-roots.json"));
    // taken before reading, so a change while loading shows as a change next time
    String fingerprint = fingerprint(files);
    List<String> warnings = new ArrayList<>();
    ChannelPolicyConfig policy = null;
    try {
      policy = ChannelPolicyConfig.load(security.resolve(ChannelPolicyConfig.FILE_NAME));
    } catch (PolicyFileException e) {
      warnings.add(
          "multi-channel channel policy load failed; denying every event: " + e.getMessage());
    }
    PairingPolicy pairing = null;
    try {
      pairing = PairingPolicy.load(security, tauRoot);
    } catch (PolicyFileException e) {
      warnings.add("multi-channel pairing policy evaluation failed: " + e.getMessage());
    }
    return new AccessDecider(
        new AccessDecider(
            policy, pairing, new SignedEnvelopeVerifier(security, clock), clock, warnings),
        files,
        fingerprint);
  }

  /**
   * Whether the policy files read by {@link #load} are unchanged (same file, size and modification
   * time each, or still missing), so a long-running runner can keep this decider instead of parsing
   * them again every cycle. A decider built in code is never current.
   */
  public boolean isCurrent() {
    return files != null && fingerprint.equals(fingerprint(files));
  }

  private static String fingerprint(List<Path> files) {
    StringBuilder out = new StringBuilder();
    for (Path file : files) {
      try {
        BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class);
        out.append(a.fileKey())
            .append('/')
            .append(a.size())
            .append('/')
            .append(a.lastModifiedTime().to(TimeUnit.NANOSECONDS));
      } catch (IOException e) {
        out.append("absent"); // missing or unreadable: loading said so
      }
      out.append(';');
    }
    return out.toString();
  }

  /** Diagnostics from loading, one per broken file. */
  public List<String> warnings() {
    return warnings;
  }

  public AccessDecision decide(InboundEvent event) {
    String channel = event.policyChannel();
    String actor = event.actorId();
    ConversationKind kind = ConversationKind.of(event);
    if (policy == null) {
      var cp =
          new ChannelPolicyDecision(
              Decision.DENY,
              AccessReason.DENY_CHANNEL_POLICY_LOAD_ERROR,
              channel,
              "default",
              kind,
              ChannelPolicy.DEFAULT,
              ConversationKind.mentionPresent(event));
      return deny(
          AccessReason.DENY_CHANNEL_POLICY_LOAD_ERROR,
          channel,
          actor,
          cp,
          SecureMessagingDecision.skipped(SecureMessagingMode.PREFERRED));
    }
    // 1. channel policy
    ChannelPolicyConfig.Match match = policy.lookup(event.transport(), channel);
    ChannelPolicy p = match.policy();
    boolean mention = ConversationKind.mentionPresent(event);
    AccessReason cpReason;
    if (kind == ConversationKind.DM && p.dmPolicy() == PolicyAction.DENY) {
      cpReason = AccessReason.DENY_CHANNEL_POLICY_DM;
    } else if (kind == ConversationKind.GROUP && p.groupPolicy() == PolicyAction.DENY) {
      cpReason = AccessReason.DENY_CHANNEL_POLICY_GROUP;
    } else if (kind == ConversationKind.GROUP && p.requireMention() && !mention) {
      cpReason = AccessReason.DENY_CHANNEL_POLICY_MENTION_REQUIRED;
    } else {
      cpReason = p.allowFrom().allowReason();
    }
    var cp =
        new ChannelPolicyDecision(
            cpReason.allows() ? Decision.ALLOW : Decision.DENY,
            cpReason,
            channel,
            match.key(),
            kind,
            p,
            mention);
    SecureMessagingMode mode = policy.secureMessaging().mode();
    if (!cpReason.allows()) {
      return deny(cpReason, channel, actor, cp, SecureMessagingDecision.skipped(mode));
    }
    // 2. secure messaging
    SecureMessagingDecision sm =
        mode == SecureMessagingMode.DISABLED
            ? SecureMessagingDecision.disabled()
            : verifier.verify(event, channel, policy.secureMessaging());
    if (sm.status() == SecureMessagingDecision.Status.ALLOW) {
      return new AccessDecision(
          Decision.ALLOW,
          sm.reason(),
          true,
          channel,
          cp,
          sm,
          new PairingDecision(Decision.ALLOW, sm.reason(), channel, actor, false));
    }
    if (!sm.reason().allows()
        && sm.reason() != AccessReason.SIGNED_ENVELOPE_MISSING
        && sm.status() != SecureMessagingDecision.Status.DISABLED) {
      return deny(sm.reason(), channel, actor, cp, sm);
    }
    // 3 + 4. pairing, combined by allowFrom
    if (p.allowFrom() == AllowFrom.ANY) {
      AccessReason r = AccessReason.ALLOW_CHANNEL_POLICY_ALLOW_FROM_ANY;
      return new AccessDecision(
          Decision.ALLOW,
          r,
          p.requireMention(),
          channel,
          cp,
          sm,
          new PairingDecision(Decision.ALLOW, r, channel, actor, false));
    }
    AccessReason pr =
        pairing == null
            ? AccessReason.DENY_POLICY_EVALUATION_ERROR
            : pairing.evaluate(channel, actor, clock.millis());
    var pd =
        new PairingDecision(pr.allows() ? Decision.ALLOW : Decision.DENY, pr, channel, actor, true);
    AccessReason fin = pr;
    boolean enforced;
    if (p.allowFrom() == AllowFrom.ALLOWLIST_ONLY) {
      enforced = true;
      if (pr.allows() && !pr.grantsOperatorScope()) {
        fin = AccessReason.DENY_CHANNEL_POLICY_ALLOW_FROM_ALLOWLIST_ONLY;
      }
    } else {
      enforced = p.requireMention() || pr != AccessReason.ALLOW_PERMISSIVE_MODE;
    }
    return new AccessDecision(
        fin.allows() ? Decision.ALLOW : Decision.DENY, fin, enforced, channel, cp, sm, pd);
  }

  private static AccessDecision deny(
      AccessReason reason,
      String channel,
      String actor,
      ChannelPolicyDecision cp,
      SecureMessagingDecision sm) {
    return new AccessDecision(
        Decision.DENY,
        reason,
        true,
        channel,
        cp,
        sm,
        new PairingDecision(Decision.DENY, reason, channel, actor, false));
  }
}
