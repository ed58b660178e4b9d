package dev.tau.channels.access;

import dev.tau.channels.PolicyJson;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * The allowlist ({@code <tau_root>/security/allowlist.json}) and pairings ({@code pairings.json})
 * with the pairing evaluation of tau-spec §5.6.3. Both files are optional. Lookups are prepared at
 * load time (lower-cased sets), so an evaluation allocates only the lower-cased actor id.
 */
public final class PairingPolicy {
  public static final String ALLOWLIST_FILE = "allowlist.json";
  public static final String PAIRINGS_FILE = "pairings.json";

  /** One pairing; {@code expiresUnixMs} 0 means it never expires. */
  public record Pairing(
      String channel,
      String actorId,
      String actorDid,
      String legacyActorId,
      String pairedBy,
      long issuedUnixMs,
      long expiresUnixMs) {}

  private final boolean strict;
  private final Map<String, Set<String>> allowlist;
  private final Map<String, List<Pairing>> pairingsByChannel;
  private final TrustRoots didRoots;

  public PairingPolicy(
      boolean strict,
      Map<String, List<String>> allowlist,
      List<Pairing> pairings,
      TrustRoots didRoots) {
    this.strict = strict;
    this.allowlist = new HashMap<>();
    allowlist.forEach(
        (channel, actors) -> {
          Set<String> set = new HashSet<>();
          actors.forEach(a -> set.add(a.strip().toLowerCase(Locale.ROOT)));
          this.allowlist.put(channel.strip(), set);
        });
    this.pairingsByChannel = new HashMap<>();
    for (Pairing p : pairings) {
      pairingsByChannel.computeIfAbsent(p.channel().strip(), k -> new ArrayList<>()).add(p);
    }
    this.didRoots = didRoots;
  }

  /** No allowlist, no pairings: every actor is allowed in permissive mode. */
  public static PairingPolicy empty() {
    return new PairingPolicy(false, Map.of(), List.of(), new TrustRoots(List.of()));
  }

  /**
   * Loads {@code allowlist.json} and {@code pairings.json} from {@code securityDir} and the DID
   * trust roots from {@code <tauRoot>/trust-roots.json}.
   *
   * @throws dev.tau.channels.PolicyFileException naming the file and field when one is invalid
   */
  public static PairingPolicy load(Path securityDir, Path tauRoot) {
    Path allowFile = securityDir.resolve(ALLOWLIST_FILE);
    boolean strict = false;
    Map<String, List<String>> allow = new HashMap<>();
    var allowDoc = PolicyJson.readIfExists(allowFile);
    if (allowDoc.isPresent()) {
      PolicyJson json = PolicyJson.of(allowFile);
      JsonNode root =
          json.object(allowDoc.get(), "", Set.of("schema_version", "strict", "channels"));
      json.schemaVersion(root, "", false);
      strict = json.bool(root, "strict", "", false);
      JsonNode channels = root.get("channels");
      if (channels != null && !channels.isNull()) {
        if (!channels.isObject()) {
          throw json.error("channels", "must be a JSON object");
        }
        for (var e : channels.properties()) {
          if (!e.getValue().isArray()) {
            throw json.error("channels." + e.getKey(), "must be an array of actor ids");
          }
          List<String> actors = new ArrayList<>();
          for (JsonNode a : e.getValue()) {
            if (!a.isString()) {
              throw json.error("channels." + e.getKey(), "must contain only strings");
            }
            actors.add(a.asString());
          }
          allow.put(e.getKey(), actors);
        }
      }
    }
    Path pairFile = securityDir.resolve(PAIRINGS_FILE);
    List<Pairing> pairings = new ArrayList<>();
    var pairDoc = PolicyJson.readIfExists(pairFile);
    if (pairDoc.isPresent()) {
      PolicyJson json = PolicyJson.of(pairFile);
      JsonNode root = json.object(pairDoc.get(), "", Set.of("schema_version", "pairings"));
      json.schemaVersion(root, "", false);
      JsonNode list = root.get("pairings");
      if (list != null && !list.isNull()) {
        if (!list.isArray()) {
          throw json.error("pairings", "must be an array");
        }
        Set<String> fields =
            Set.of(
                "channel",
                "actor_id",
                "actor_did",
                "legacy_actor_id",
                "did_service_endpoint",
                "paired_by",
                "issued_unix_ms",
                "expires_unix_ms");
        for (int i = 0; i < list.size(); i++) {
          String where = "pairings[" + i + "]";
          JsonNode p = json.object(list.get(i), where, fields);
          pairings.add(
              new Pairing(
                  json.string(p, "channel", where, null),
                  json.string(p, "actor_id", where, null),
                  json.string(p, "actor_did", where, ""),
                  json.string(p, "legacy_actor_id", where, ""),
                  json.string(p, "paired_by", where, ""),
                  json.integer(p, "issued_unix_ms", where, 0),
                  json.integer(p, "expires_unix_ms", where, 0)));
        }
      }
    }
    return new PairingPolicy(
        strict, allow, pairings, TrustRoots.load(tauRoot.resolve("trust-roots.json")));
  }

  /** Evaluates an actor on policy channel {@code P} at {@code nowMs} (tau-spec §5.6.3). */
  public AccessReason evaluate(String policyChannel, String actorId, long nowMs) {
    String actor = actorId.strip();
    if (actor.startsWith("did:")) {
      AccessReason did = checkDid(actor, nowMs);
      if (did != null) {
        return did;
      }
    }
    String channel = policyChannel.strip();
    int colon = channel.indexOf(':');
    String transport = colon < 0 ? channel : channel.substring(0, colon);
    if (!strictEffective(channel, transport)) {
      return AccessReason.ALLOW_PERMISSIVE_MODE;
    }
    if (actor.isEmpty()) {
      return AccessReason.DENY_ACTOR_ID_MISSING;
    }
    String lower = actor.toLowerCase(Locale.ROOT);
    boolean allowlisted =
        allowlisted(channel, lower) || allowlisted(transport, lower) || allowlisted("*", lower);
    boolean paired =
        paired(channel, actor, nowMs)
            || paired(transport, actor, nowMs)
            || paired("*", actor, nowMs);
    if (allowlisted && paired) {
      return AccessReason.ALLOW_ALLOWLIST_AND_PAIRING;
    }
    if (allowlisted) {
      return AccessReason.ALLOW_ALLOWLIST;
    }
    if (paired) {
      return AccessReason.ALLOW_PAIRING;
    }
    return AccessReason.DENY_ACTOR_NOT_PAIRED_OR_ALLOWLISTED;
  }

  private boolean strictEffective(String channel, String transport) {
    return strict
        || nonEmpty(channel)
        || nonEmpty(transport)
        || nonEmpty("*")
        || pairingsByChannel.containsKey(channel)
        || pairingsByChannel.containsKey(transport)
        || pairingsByChannel.containsKey("*");
  }

  private boolean nonEmpty(String candidate) {
    Set<String> set = allowlist.get(candidate);
    return set != null && !set.isEmpty();
  }

  private boolean allowlisted(String candidate, String lowerActor) {
    Set<String> set = allowlist.get(candidate);
    return set != null && set.contains(lowerActor);
  }

  private boolean paired(String candidate, String actor, long nowMs) {
    List<Pairing> list = pairingsByChannel.get(candidate);
    if (list == null) {
      return false;
    }
    for (Pairing p : list) {
      if (p.expiresUnixMs() != 0 && p.expiresUnixMs() <= nowMs) {
        continue;
      }
      if (p.actorId().strip().equalsIgnoreCase(actor)
          || (!p.legacyActorId().isBlank() && p.legacyActorId().strip().equalsIgnoreCase(actor))
          || (!p.actorDid().isBlank()
              && (p.actorDid().strip().equalsIgnoreCase(actor)
                  || didSubject(p.actorDid().strip()).equalsIgnoreCase(actor)))) {
        return true;
      }
    }
    return false;
  }

  /** {@code did:kamn:<trust_root_id>:<subject>[#fragment]}; null when the DID is acceptable. */
  private AccessReason checkDid(String did, long nowMs) {
    String[] parts = did.split(":", 4);
    if (parts.length != 4 || !parts[1].equals("kamn") || parts[2].isBlank()) {
      return AccessReason.DENY_ACTOR_DID_INVALID;
    }
    String subject = parts[3];
    int hash = subject.indexOf('#');
    if ((hash < 0 ? subject : subject.substring(0, hash)).isBlank()) {
      return AccessReason.DENY_ACTOR_DID_INVALID;
    }
    return didRoots.find(parts[2]).filter(r -> r.usableAt(nowMs)).isPresent()
        ? null
        : AccessReason.DENY_ACTOR_DID_UNTRUSTED;
  }

  private static String didSubject(String did) {
    String[] parts = did.split(":", 4);
    if (parts.length != 4) {
      return "";
    }
    int hash = parts[3].indexOf('#');
    return hash < 0 ? parts[3] : parts[3].substring(0, hash);
  }
}
