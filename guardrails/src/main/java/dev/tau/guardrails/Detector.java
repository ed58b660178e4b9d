package dev.tau.guardrails;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The built-in detectors, each a reason code whose {@link #wire()} label is what a hit reports. A
 * hit names the detector, never the matched text, so telemetry and error messages cannot leak the
 * secret they caught.
 */
public enum Detector {
  /** An Anthropic API key ({@code sk-ant-…}). Listed before OpenAI so its label wins. */
  ANTHROPIC_API_KEY("\\bsk-ant-[A-Za-z0-9_-]{20,}"),
  /** An OpenAI API key ({@code sk-…}, {@code sk-proj-…}). */
  OPENAI_API_KEY("\\bsk-(?!ant-)[A-Za-z0-9_-]{20,}"),
  /** A Google API key ({@code AIza…}). */
  GOOGLE_API_KEY("\\bAIza[0-9A-Za-z_-]{35}(?![0-9A-Za-z_-])"),
  /** An AWS access key id ({@code AKIA…}, temporary {@code ASIA…}). */
  AWS_ACCESS_KEY("\\b(?:AKIA|ASIA)[0-9A-Z]{16}\\b"),
  /** A GitHub token ({@code ghp_…}, {@code gho_…}, {@code github_pat_…}). */
  GITHUB_TOKEN("\\b(?:gh[pousr]_[A-Za-z0-9]{30,}|github_pat_[A-Za-z0-9_]{22,})"),
  /** A Slack token ({@code xoxb-…}, {@code xoxp-…}). */
  SLACK_TOKEN("\\bxox[abposr]-[A-Za-z0-9-]{10,}"),
  /** A bearer credential as written in an Authorization header. */
  BEARER_TOKEN("(?i)\\bbearer\\s+[A-Za-z0-9._~+/-]{20,}=*"),
  /** A PEM private key block, also when cut off before its END line. */
  PRIVATE_KEY(
      "-----BEGIN (?:[A-Z0-9]+ )*PRIVATE KEY-----[\\s\\S]*?(?:-----END (?:[A-Z0-9]+ )*PRIVATE"
          + " KEY-----|\\z)"),
  /** An e-mail address. */
  EMAIL("\\b[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\\.[A-Za-z0-9-]+)*\\.[A-Za-z]{2,}\\b"),
  /**
   * A phone number with separators or a country code ({@code +1 415 555 0132}, {@code (415)
   * 555-0132}, {@code +14155550132}); bare digit runs, dates and versions do not match.
   */
  PHONE_NUMBER(
      "(?<![\\w+.-])(?:\\+\\d{1,3}[ .-]?)?(?:\\(\\d{2,4}\\)[ .-]?|\\d{2,4}[ .-])\\d{3,4}[ .-]\\d{3,4}(?![\\w.-])"
          + "|(?<![\\w+])\\+\\d{10,15}(?!\\w)");

  private final Pattern pattern;

  Detector(String regex) {
    this.pattern = Pattern.compile(regex);
  }

  Pattern pattern() {
    return pattern;
  }

  /** The snake_case label hits report, e.g. {@code openai_api_key}. */
  public String wire() {
    return name().toLowerCase(Locale.ROOT);
  }
}
