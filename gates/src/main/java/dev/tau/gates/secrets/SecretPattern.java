package dev.tau.gates.secrets;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The credential shapes the tree scan looks for. Each is a reason code: its {@link #wire()} label
 * is what a finding and an allowlist entry name. The shapes are strict (a prefix plus a long random
 * tail) so that ordinary code and prose do not match; the gateway's guardrail detectors (module
 * {@code guardrails}) look at chat text instead and add personal-data shapes this scan has no use
 * for.
 */
public enum SecretPattern {
  /** An Anthropic API key ({@code sk-ant-…}). Listed before OpenAI so its label wins. */
  ANTHROPIC_API_KEY("\\bsk-ant-[A-Za-z0-9_-]{20,}"),
  /** An OpenAI-style secret key ({@code sk-…}, {@code sk-proj-…}). */
  OPENAI_API_KEY("\\bsk-(?!ant-)[A-Za-z0-9_-]{20,}"),
  /** A Stripe live secret or restricted key. */
  STRIPE_LIVE_KEY("\\b[rs]k_live_[0-9A-Za-z]{20,}"),
  /** A Google API key ({@code AIza…}). */
  GOOGLE_API_KEY("\\bAIza[0-9A-Za-z_-]{35}(?![0-9A-Za-z_-])"),
  /** An AWS access key id ({@code AKIA…}, temporary {@code ASIA…}). */
  AWS_ACCESS_KEY_ID("\\b(?:AKIA|ASIA)[0-9A-Z]{16}\\b"),
  /** An AWS secret access key assigned to its usual variable or config name. */
  AWS_SECRET_ACCESS_KEY(
      "(?i)aws_?secret_?access_?key[\"']?\\s*[:=]\\s*[\"']?[A-Za-z0-9/+]{40}(?![A-Za-z0-9/+])"),
  /** A GitHub token ({@code ghp_…}, {@code gho_…}, {@code ghs_…}, {@code github_pat_…}). */
  GITHUB_TOKEN("\\b(?:gh[pousr]_[A-Za-z0-9]{30,}|github_pat_[A-Za-z0-9_]{22,})"),
  /** A Slack bot, user or app token ({@code xoxb-…}, {@code xoxp-…}). */
  SLACK_TOKEN("\\bxox[abposr]-[A-Za-z0-9-]{10,}"),
  /** A Slack incoming-webhook URL (posting needs nothing else). */
  SLACK_WEBHOOK("https://hooks\\.slack\\.com/services/T[A-Z0-9]+/B[A-Z0-9]+/[A-Za-z0-9]{16,}"),
  /** A Telegram bot token ({@code <bot id>:AA…}). */
  TELEGRAM_BOT_TOKEN("\\b\\d{8,10}:AA[0-9A-Za-z_-]{33}\\b"),
  /** The header of a PEM private key block (RSA, EC, DSA, OpenSSH, PKCS#8, encrypted, PGP). */
  PRIVATE_KEY("-----BEGIN (?:[A-Z0-9]+ )*PRIVATE KEY(?: BLOCK)?-----");

  private final Pattern pattern;

  SecretPattern(String regex) {
    this.pattern = Pattern.compile(regex);
  }

  Pattern pattern() {
    return pattern;
  }

  /** The snake_case label, e.g. {@code aws_access_key_id}. */
  public String wire() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * The pattern with this label.
   *
   * @throws IllegalArgumentException listing the known labels
   */
  public static SecretPattern fromWire(String label) {
    for (SecretPattern p : values()) {
      if (p.wire().equals(label)) {
        return p;
      }
    }
    StringBuilder known = new StringBuilder();
    for (SecretPattern p : values()) {
      known.append(known.isEmpty() ? "" : ", ").append(p.wire());
    }
    throw new IllegalArgumentException(
        "unknown secret pattern '" + label + "' (known: " + known + ")");
  }
}
