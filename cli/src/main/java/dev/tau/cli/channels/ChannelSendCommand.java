package dev.tau.cli.channels;

import dev.tau.channels.Transport;
import dev.tau.channels.outbound.OneShotSend;
import dev.tau.channels.outbound.OutboundDispatcher;
import dev.tau.channels.outbound.OutboundDispatchers;
import dev.tau.channels.outbound.OutboundMode;
import dev.tau.channels.outbound.OutboundSettings;
import dev.tau.channels.outbound.SendTarget;
import dev.tau.cli.Context;
import dev.tau.core.error.ExitCode;
import dev.tau.core.error.InputException;
import dev.tau.core.json.Json;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Runs {@code --multi-channel-send} (tau-spec §5.17): validates the flags, sends, prints the
 * report. Exit 0 whenever a report is printed (a failed delivery says {@code status=failed}); bad
 * flags exit with the input code.
 */
public final class ChannelSendCommand {
  private ChannelSendCommand() {}

  public static int run(
      ChannelSendOptions o,
      OutboundOptions outbound,
      MultiChannelOptions multiChannel,
      ChannelOpsOptions ops,
      Context ctx) {
    if (o.transport == null) {
      throw new InputException(
          "--multi-channel-send-target, --multi-channel-send-text, --multi-channel-send-text-file"
              + " and --multi-channel-send-json require --multi-channel-send <transport>");
    }
    Transport transport =
        Transport.parse(o.transport)
            .orElseThrow(
                () ->
                    new InputException(
                        "--multi-channel-send must be telegram, discord or whatsapp, got '"
                            + o.transport.strip()
                            + "'"));
    if (o.target == null || o.target.isBlank()) {
      throw new InputException("--multi-channel-send requires --multi-channel-send-target");
    }
    SendTarget target;
    try {
      target = SendTarget.parse(transport, o.target);
    } catch (IllegalArgumentException e) {
      throw new InputException("--multi-channel-send-target: " + e.getMessage());
    }
    String text = text(o, ctx.workingDir());
    OutboundSettings settings =
        OneShotSend.settingsFor(
            target, outbound.toSettings(ctx.env(), () -> ChannelOpsLauncher.store(ops, ctx)));
    if (settings.mode() == OutboundMode.CHANNEL_STORE) {
      throw new InputException(
          "--multi-channel-send requires --multi-channel-outbound-mode dry-run or provider");
    }
    OutboundDispatcher dispatcher =
        OutboundDispatchers.create(settings, OutboundDispatchers.httpClient(settings));
    Path stateDir = multiChannel.stateDir(ctx.env(), ctx.workingDir());
    OneShotSend.Result result;
    try {
      result = OneShotSend.run(target, text, dispatcher, stateDir, Clock.systemUTC());
    } catch (IllegalArgumentException e) {
      throw new InputException("--multi-channel-send: " + e.getMessage());
    } catch (java.io.UncheckedIOException e) {
      throw new InputException(
          "cannot write the send audit under " + stateDir + ": " + e.getCause().getMessage());
    }
    PrintWriter out = ctx.terminals().out();
    out.print(o.json || ctx.json() ? Json.write(result.report()) + "\n" : summary(result.report()));
    out.flush();
    return ExitCode.OK.code();
  }

  private static String text(ChannelSendOptions o, Path workingDir) {
    if (o.text != null && o.textFile != null) {
      throw new InputException(
          "give either --multi-channel-send-text or --multi-channel-send-text-file, not both");
    }
    if (o.text != null) {
      return o.text;
    }
    if (o.textFile == null) {
      throw new InputException(
          "--multi-channel-send requires --multi-channel-send-text or --multi-channel-send-text-file");
    }
    Path file = workingDir.resolve(o.textFile.strip());
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .decode(java.nio.ByteBuffer.wrap(Files.readAllBytes(file)))
          .toString();
    } catch (CharacterCodingException e) {
      throw new InputException("--multi-channel-send-text-file " + file + " is not UTF-8 text");
    } catch (IOException e) {
      throw new InputException(
          "cannot read --multi-channel-send-text-file " + file + ": " + e.getMessage());
    }
  }

  private static String summary(ObjectNode report) {
    StringBuilder line = new StringBuilder("multi-channel send:");
    for (String field :
        new String[] {
          "transport",
          "target",
          "mode",
          "status",
          "reason_code",
          "text_chars",
          "chunk_count",
          "event_key",
          "channel_store_log_path",
          "audit_artifact_relative_path"
        }) {
      JsonNode value = report.get(field);
      String text = value.asString();
      line.append(' ').append(field).append('=').append(text.isEmpty() ? "none" : text);
    }
    line.append('\n');
    for (JsonNode receipt : report.get("delivery_receipts")) {
      line.append("  receipt chunk=")
          .append(receipt.get("chunk_index").asInt())
          .append('/')
          .append(receipt.get("chunk_count").asInt())
          .append(" status=")
          .append(receipt.get("status").asString())
          .append(" http_status=")
          .append(receipt.get("http_status").asInt());
      if (!receipt.get("reason_code").asString().isEmpty()) {
        line.append(" reason_code=").append(receipt.get("reason_code").asString());
        line.append(" detail=").append(receipt.get("detail").asString().replace('\n', ' '));
      }
      line.append('\n');
    }
    return line.toString();
  }
}
