package dev.tau.bench.channels;

import dev.tau.channels.InboundEvent;
import dev.tau.channels.Transport;
import dev.tau.channels.access.AccessDecider;
import dev.tau.channels.ingress.ChannelNormalizer;
import dev.tau.channels.ingress.Normalization;
import dev.tau.channels.routing.RouteBindings;
import dev.tau.core.json.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.node.ObjectNode;

/**
 * A deterministic multi-channel workload for the throughput benchmarks: raw Telegram, Discord and
 * WhatsApp payloads (4 : 3 : 3) over 100 conversations and 300 actors, and the policy files a
 * locked-down deployment has under {@code <tau_root>/security/}: a channel policy with per-channel
 * entries (mention required in Telegram groups, one open Discord room), a strict allowlist, 150
 * pairings and four route bindings. About 2% of the traffic comes from strangers (denied; in a DM
 * they are offered a pairing code) and some group messages lack the required mention (denied).
 */
public final class ChannelWorkload {
  /** Conversations per transport. */
  static final int TELEGRAM_CHATS = 40;

  static final int DISCORD_CHANNELS = 30;
  static final int WHATSAPP_NUMBERS = 30;
  static final int ACTORS_PER_CONVERSATION = 3;
  private static final long EPOCH_SECONDS = 1_760_100_000L;

  private static final String[] TEXTS = {
    "@tau what is the status of the nightly build?",
    "can you summarise the last deploy for the on-call channel",
    "/deploy staging",
    "hello @Tau, the dashboard shows a spike in 5xx since 14:05, any idea?",
    "thanks, that fixed it",
    "please open a ticket for the flaky integration test in payments",
  };

  private ChannelWorkload() {}

  /**
   * Writes the security files and route bindings of {@code stateDir} (a dir named multi-channel).
   */
  public static void writePolicies(Path stateDir) {
    Path security = stateDir.getParent().resolve("security");
    try {
      Files.createDirectories(security);
      Files.createDirectories(stateDir.resolve("security"));
      Files.writeString(
          security.resolve("channel-policy.json"),
          """
          {"schema_version":1,"strictMode":false,
           "defaultPolicy":{"dmPolicy":"allow","groupPolicy":"allow","allowFrom":"allowlist_or_pairing","requireMention":false},
           "channels":{
             "telegram:*":{"dmPolicy":"allow","groupPolicy":"allow","allowFrom":"allowlist_or_pairing","requireMention":true},
             "discord:1300000000000000001":{"allowFrom":"any","requireMention":false},
             "discord:*":{"allowFrom":"allowlist_or_pairing","requireMention":false},
             "whatsapp:*":{"dmPolicy":"allow","allowFrom":"allowlist_or_pairing"}}}
          """);
      ObjectNode allowlist = Json.object();
      allowlist.put("schema_version", 1);
      allowlist.put("strict", true);
      ObjectNode channels = allowlist.putObject("channels");
      ObjectNode pairings = Json.object();
      pairings.put("schema_version", 1);
      var pairingList = pairings.putArray("pairings");
      for (Transport t : Transport.values()) {
        for (int c = 0; c < conversations(t); c++) {
          var list = channels.putArray(t.wire() + ":" + conversationId(t, c));
          // actor 0 is allowlisted, actor 1 paired, actor 2 both
          list.add(actorId(t, c, 0));
          list.add(actorId(t, c, 2));
          for (int a = 1; a <= 2; a++) {
            pairingList
                .addObject()
                .put("channel", t.wire() + ":" + conversationId(t, c))
                .put("actor_id", actorId(t, c, a))
                .put("paired_by", "bench")
                .put("issued_unix_ms", 1)
                .putNull("expires_unix_ms");
          }
        }
      }
      Files.writeString(security.resolve("allowlist.json"), Json.write(allowlist));
      Files.writeString(security.resolve("pairings.json"), Json.write(pairings));
      Files.writeString(
          stateDir.resolve("security").resolve(RouteBindings.FILE_NAME),
          """
          {"schema_version":1,"bindings":[
            {"binding_id":"discord-ops","transport":"discord","conversation_id":"1300000000000000001",
             "phase":"delegated_step","category_hint":"incident","session_key_template":"ops-{conversation_id}-{role}"},
            {"binding_id":"telegram-all","transport":"telegram","session_key_template":"tg-{conversation_id}-{phase}"},
            {"binding_id":"whatsapp-business","transport":"whatsapp","account_id":"phone-55",
             "session_key_template":"wa-{actor_id}"},
            {"binding_id":"catch-all","session_key_template":"{transport}-{conversation_id}"}]}
          """);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the benchmark policies under " + stateDir, e);
    }
  }

  private static int conversations(Transport t) {
    return switch (t) {
      case TELEGRAM -> TELEGRAM_CHATS;
      case DISCORD -> DISCORD_CHANNELS;
      case WHATSAPP -> WHATSAPP_NUMBERS;
    };
  }

  private static String conversationId(Transport t, int c) {
    return switch (t) {
      case TELEGRAM -> "-10020030" + (100 + c);
      case DISCORD -> String.valueOf(1_300_000_000_000_000_001L + c);
      case WHATSAPP -> "phone-55:1555000" + (1000 + c);
    };
  }

  private static String actorId(Transport t, int c, int a) {
    return switch (t) {
      case TELEGRAM -> String.valueOf(70_000 + c * 10 + a);
      case DISCORD -> String.valueOf(900_000_000_000L + c * 10 + a);
      // a WhatsApp conversation is one number: its only actor is that number
      case WHATSAPP -> "1555000" + (1000 + c);
    };
  }

  /** The transport of event {@code i}: Telegram, Discord and WhatsApp in the ratio 4 : 3 : 3. */
  static Transport transport(long i) {
    int slot = (int) (i % 10);
    return slot < 4 ? Transport.TELEGRAM : slot < 7 ? Transport.DISCORD : Transport.WHATSAPP;
  }

  /**
   * Event {@code i} as one live-ingress line (§5.3 envelope with the platform's raw payload). Event
   * ids are unique for every {@code i}, so a run never meets its own duplicates.
   */
  public static String inboxLine(long i) {
    Transport t = transport(i);
    int c = (int) ((i * 7) % conversations(t));
    boolean stranger = i % 50 == 17;
    int a = (int) (i % ACTORS_PER_CONVERSATION);
    String actor = stranger ? "stranger-" + i : actorId(t, c, a);
    String text = TEXTS[(int) (i % TEXTS.length)] + " (#" + i + ")";
    long seconds = EPOCH_SECONDS + i;
    ObjectNode payload = Json.object();
    switch (t) {
      case TELEGRAM -> {
        payload.put("update_id", 1_000_000 + i);
        ObjectNode m = payload.putObject("message");
        m.put("message_id", i + 1);
        m.put("date", seconds);
        boolean dm = i % 3 == 0;
        m.putObject("chat").put("id", conversationId(t, c)).put("type", dm ? "private" : "group");
        m.putObject("from").put("id", actor).put("is_bot", false).put("username", "user" + a);
        m.put("text", text);
      }
      case DISCORD -> {
        payload.put("id", "bench-msg-" + i);
        payload.put("type", 0);
        payload.put("channel_id", conversationId(t, c));
        payload.put("guild_id", "discord-guild-1");
        payload.putObject("author").put("id", actor).put("username", "member" + a);
        payload.put("content", text);
        payload.put("timestamp", java.time.Instant.ofEpochSecond(seconds).toString());
        payload.putArray("attachments");
      }
      case WHATSAPP -> {
        payload.put("messaging_product", "whatsapp");
        payload
            .putObject("metadata")
            .put("display_phone_number", "15550001111")
            .put("phone_number_id", "phone-55");
        ObjectNode m = payload.putArray("messages").addObject();
        String from = stranger ? "1666" + (100_000 + i) : "1555000" + (1000 + c);
        m.put("from", from);
        m.put("id", "wamid.bench" + i);
        m.put("timestamp", String.valueOf(seconds));
        m.put("type", "text");
        m.putObject("text").put("body", text);
      }
    }
    ObjectNode envelope = Json.object();
    envelope.put("schema_version", 1);
    envelope.put("transport", t.wire());
    envelope.put("provider", "");
    envelope.set("payload", payload);
    return Json.write(envelope);
  }

  /** Events {@code from} (inclusive) to {@code to} (exclusive), normalised. */
  public static List<InboundEvent> events(long from, long to) {
    ChannelNormalizer normalizer = ChannelNormalizer.standard();
    List<InboundEvent> out = new ArrayList<>((int) (to - from));
    for (long i = from; i < to; i++) {
      switch (normalizer.normalizeLine(inboxLine(i))) {
        case Normalization.Normalized n -> out.add(n.event());
        case Normalization.Rejected r ->
            throw new IllegalStateException("workload event " + i + " rejected: " + r);
      }
    }
    return out;
  }

  /**
   * The access decider of a state dir prepared with {@link #writePolicies}, failing on warnings.
   */
  public static AccessDecider decider(Path stateDir, Clock clock) {
    AccessDecider decider = AccessDecider.load(stateDir.getParent(), clock);
    if (!decider.warnings().isEmpty()) {
      throw new IllegalStateException("benchmark policies do not load: " + decider.warnings());
    }
    return decider;
  }
}
