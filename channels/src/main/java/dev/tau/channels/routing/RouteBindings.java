package dev.tau.channels.routing;

import dev.tau.channels.InboundEvent;
import dev.tau.channels.PathNames;
import dev.tau.channels.PolicyFileException;
import dev.tau.channels.PolicyJson;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * The route bindings of {@code <state-dir>/security/multi-channel-route-bindings.json} and the
 * route resolution of tau-spec §5.7. Without an orchestrator route table every phase selects role
 * {@code default} with no fallbacks (the spec's default table).
 */
public final class RouteBindings {
  public static final String FILE_NAME = "multi-channel-route-bindings.json";
  private static final String[] ACCOUNT_KEYS = {
    "account_id",
    "telegram_bot_id",
    "discord_bot_id",
    "discord_application_id",
    "whatsapp_business_account_id",
    "whatsapp_phone_number_id"
  };

  private final List<RouteBinding> bindings;

  public RouteBindings(List<RouteBinding> bindings) {
    this.bindings = List.copyOf(bindings);
    Set<String> ids = new HashSet<>();
    for (RouteBinding b : this.bindings) {
      if (!ids.add(b.bindingId().strip())) {
        throw new IllegalArgumentException("duplicate binding_id '" + b.bindingId() + "'");
      }
    }
  }

  public static RouteBindings empty() {
    return new RouteBindings(List.of());
  }

  public List<RouteBinding> bindings() {
    return bindings;
  }

  private static final Set<String> TOP = Set.of("schema_version", "bindings");
  private static final Set<String> FIELDS =
      Set.of(
          "binding_id",
          "transport",
          "account_id",
          "conversation_id",
          "actor_id",
          "phase",
          "category_hint",
          "session_key_template",
          "trust_score_source",
          "trust_score_threshold",
          "trust_stale_after_seconds");

  /**
   * Loads the bindings file; missing → no bindings.
   *
   * @throws PolicyFileException naming the file and field when it is invalid
   */
  public static RouteBindings load(Path file) {
    var doc = PolicyJson.readIfExists(file);
    if (doc.isEmpty()) {
      return empty();
    }
    PolicyJson json = PolicyJson.of(file);
    JsonNode root = json.object(doc.get(), "", TOP);
    json.schemaVersion(root, "", false);
    JsonNode list = root.get("bindings");
    List<RouteBinding> out = new ArrayList<>();
    if (list != null && !list.isNull()) {
      if (!list.isArray()) {
        throw json.error("bindings", "must be an array");
      }
      for (int i = 0; i < list.size(); i++) {
        String where = "bindings[" + i + "]";
        JsonNode b = json.object(list.get(i), where, FIELDS);
        RoutePhase phase = null;
        String rawPhase = json.string(b, "phase", where, "");
        if (!rawPhase.isBlank()) {
          phase =
              java.util.Arrays.stream(RoutePhase.values())
                  .filter(p -> p.fileValue().equals(rawPhase.strip()))
                  .findFirst()
                  .orElseThrow(
                      () ->
                          json.error(
                              where + ".phase", "must be one of planner|delegated_step|review"));
        }
        try {
          out.add(
              new RouteBinding(
                  json.string(b, "binding_id", where, ""),
                  json.string(b, "transport", where, "*"),
                  json.string(b, "account_id", where, "*"),
                  json.string(b, "conversation_id", where, "*"),
                  json.string(b, "actor_id", where, "*"),
                  phase,
                  json.string(b, "category_hint", where, ""),
                  json.string(b, "session_key_template", where, ""),
                  json.string(b, "trust_score_source", where, ""),
                  (int)
                      Math.min(
                          Integer.MAX_VALUE, json.integer(b, "trust_score_threshold", where, 0)),
                  json.integer(b, "trust_stale_after_seconds", where, 3600)));
        } catch (IllegalArgumentException e) {
          throw json.error(where, e.getMessage());
        }
      }
    }
    try {
      return new RouteBindings(out);
    } catch (IllegalArgumentException e) {
      throw json.error("bindings", e.getMessage());
    }
  }

  /** The account id of an event: the first non-blank of the account metadata keys, else "". */
  public static String accountId(InboundEvent event) {
    for (String key : ACCOUNT_KEYS) {
      String value = event.metadataText(key);
      if (!value.isEmpty()) {
        return value;
      }
    }
    return "";
  }

  /**
   * Resolves the route of an event: best-scoring binding (earliest on ties), phase, session key.
   */
  public RouteDecision resolve(InboundEvent event) {
    String transport = event.transport().wire();
    String account = accountId(event);
    String conversation = event.conversationId().strip();
    String actor = event.actorId().strip();
    RouteBinding best = null;
    int bestScore = -1;
    for (RouteBinding b : bindings) {
      int score = b.score(transport, account, conversation, actor);
      if (score > bestScore) {
        best = b;
        bestScore = score;
      }
    }
    RoutePhase phase =
        best == null
            ? RoutePhase.defaultFor(event.eventKind())
            : best.phase().orElse(RoutePhase.defaultFor(event.eventKind()));
    String category = best == null ? "" : best.categoryHint().strip();
    String role = "default";
    String template = best == null ? "" : best.sessionKeyTemplate();
    String sessionKey =
        sessionKey(template, transport, account, conversation, actor, role, phase, category);
    return new RouteDecision(
        event.eventKey(),
        transport,
        conversation,
        actor,
        best == null ? "default" : best.bindingId(),
        best != null,
        best == null ? 0 : bestScore,
        phase,
        account,
        category,
        "",
        role,
        List.of(),
        List.of(role),
        sessionKey,
        best == null ? "" : best.trustScoreSource(),
        best == null ? 0 : best.trustScoreThreshold());
  }

  /**
   * Renders the session key: placeholders {@code {transport} {account_id} {conversation_id}
   * {actor_id} {role} {phase} {category}} take sanitised values, then the whole key is sanitised;
   * an empty result (or no template) falls back to the sanitised conversation id, then {@code
   * default}.
   */
  static String sessionKey(
      String template,
      String transport,
      String account,
      String conversation,
      String actor,
      String role,
      RoutePhase phase,
      String category) {
    String rendered = "";
    if (!template.isBlank()) {
      // the parts are sanitised (and disambiguated) above; the template's own separators only
      // need mapping
      rendered =
          mapChars(
              template
                  .replace("{transport}", sanitize(transport))
                  .replace("{account_id}", sanitize(account))
                  .replace("{conversation_id}", sanitize(conversation))
                  .replace("{actor_id}", sanitize(actor))
                  .replace("{role}", sanitize(role))
                  .replace("{phase}", sanitize(phase.traceValue()))
                  .replace("{category}", sanitize(category)));
    }
    if (rendered.isEmpty()) {
      rendered = sanitize(conversation);
    }
    return rendered.isEmpty() ? "default" : rendered;
  }

  /**
   * Chars outside {@code [A-Za-z0-9-_:.]} → {@code _}, leading/trailing {@code _} trimmed; a
   * changed id gets {@code -<8 hex of its SHA-256>}, an all-dot one becomes {@code id-<hash>}; an
   * empty id stays empty (see {@link PathNames}).
   */
  public static String sanitize(String raw) {
    return raw.isEmpty() ? "" : PathNames.sanitize(raw, ":", "id");
  }

  /** The character mapping alone, for a rendered template; an all-dot result is empty. */
  private static String mapChars(String raw) {
    StringBuilder out = new StringBuilder(raw.length());
    for (int i = 0; i < raw.length(); i++) {
      char ch = raw.charAt(i);
      boolean ok =
          (ch >= 'a' && ch <= 'z')
              || (ch >= 'A' && ch <= 'Z')
              || (ch >= '0' && ch <= '9')
              || ch == '-'
              || ch == '_'
              || ch == ':'
              || ch == '.';
      out.append(ok ? ch : '_');
    }
    int start = 0;
    int end = out.length();
    while (start < end && out.charAt(start) == '_') {
      start++;
    }
    while (end > start && out.charAt(end - 1) == '_') {
      end--;
    }
    String mapped = out.substring(start, end);
    return mapped.chars().allMatch(c -> c == '.') ? "" : mapped;
  }
}
