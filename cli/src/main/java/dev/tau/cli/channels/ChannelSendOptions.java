package dev.tau.cli.channels;

import picocli.CommandLine.Option;

/**
 * The one-shot send's own flags (tau-spec §5.17): {@code bin/tau --multi-channel-send telegram
 * --multi-channel-send-target 123456 --multi-channel-send-text "hello"
 * --multi-channel-outbound-mode dry-run}. The outbound mode, API bases and credentials come from
 * {@link OutboundOptions}; the state directory from {@link MultiChannelOptions}.
 */
public final class ChannelSendOptions {
  @Option(
      names = "--multi-channel-send",
      paramLabel = "TRANSPORT",
      description =
          "Send one message to telegram|discord|whatsapp and exit (needs --multi-channel-outbound-mode dry-run or provider).")
  String transport;

  @Option(
      names = "--multi-channel-send-target",
      paramLabel = "TARGET",
      description =
          "Telegram chat id or @username (chat: prefix optional); Discord channel id (channel:);"
              + " WhatsApp +E.164 number (phone:), optionally @<phone number id>.")
  String target;

  @Option(
      names = "--multi-channel-send-text",
      paramLabel = "TEXT",
      description = "The message (trimmed, at most 16000 characters).")
  String text;

  @Option(
      names = "--multi-channel-send-text-file",
      paramLabel = "FILE",
      description = "Read the message from a UTF-8 file instead.")
  String textFile;

  @Option(names = "--multi-channel-send-json", description = "Print the report as JSON.")
  boolean json;

  /** Whether any send flag was given. */
  public boolean requested() {
    return transport != null || target != null || text != null || textFile != null || json;
  }
}
