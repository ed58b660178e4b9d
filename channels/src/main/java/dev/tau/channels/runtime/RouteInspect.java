package dev.tau.channels.runtime;

import dev.tau.channels.InboundEvent;
import dev.tau.channels.ingress.ChannelNormalizer;
import dev.tau.channels.ingress.LiveEnvelope;
import dev.tau.channels.ingress.Normalization;
import dev.tau.channels.routing.RouteBindings;
import dev.tau.channels.routing.RouteDecision;
import dev.tau.core.json.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code --multi-channel-route-inspect-file} (tau-spec §5.7): resolves the route of one event file
 * (a live envelope or a normalised event) against the state dir's bindings, without writing
 * anything.
 */
public final class RouteInspect {
  private static final List<String> FIELDS =
      List.of(
          "event_key",
          "transport",
          "conversation_id",
          "actor_id",
          "binding_id",
          "binding_matched",
          "match_specificity",
          "phase",
          "account_id",
          "requested_category",
          "selected_category",
          "selected_role",
          "fallback_roles",
          "attempt_roles",
          "session_key");

  private RouteInspect() {}

  /** The event file could not be read, parsed or normalised; the message says why. */
  public static final class BadEventFile extends RuntimeException {
    BadEventFile(String message) {
      super(message, null, false, false);
    }
  }

  /**
   * Reads the event and resolves its route.
   *
   * @throws BadEventFile for an unreadable or invalid event file
   * @throws dev.tau.channels.PolicyFileException for an invalid bindings file
   */
  public static ObjectNode inspect(Path eventFile, Path stateDir) {
    InboundEvent event = readEvent(eventFile);
    RouteDecision route =
        RouteBindings.load(MultiChannelRunner.bindingsFile(stateDir)).resolve(event);
    ObjectNode trace = route.toTrace(0);
    ObjectNode out = Json.object();
    for (String field : FIELDS) {
      out.set(field, trace.get(field));
    }
    return out;
  }

  /** The one-line text form. */
  public static String line(ObjectNode report) {
    StringBuilder line = new StringBuilder("multi-channel route inspect:");
    for (String field : FIELDS) {
      JsonNode value = report.get(field);
      String text;
      if (value.isArray()) {
        List<String> parts = new java.util.ArrayList<>();
        value.forEach(v -> parts.add(v.asString()));
        text = parts.isEmpty() ? "none" : String.join(",", parts);
      } else {
        text = value.asString();
      }
      line.append(' ').append(field).append('=').append(text);
    }
    return line.toString();
  }

  static InboundEvent readEvent(Path file) {
    JsonNode node;
    try {
      node = Json.mapper().readTree(Files.readString(file));
    } catch (IOException e) {
      throw new BadEventFile("cannot read route inspect file " + file + ": " + e.getMessage());
    } catch (JacksonException e) {
      throw new BadEventFile(
          "route inspect file " + file + " is not valid JSON: " + e.getOriginalMessage());
    }
    if (node == null || !node.isObject()) {
      throw new BadEventFile("route inspect file " + file + " must hold a JSON object");
    }
    if (node.has("payload")) {
      Normalization n;
      try {
        n = ChannelNormalizer.standard().normalize(LiveEnvelope.fromJson(node));
      } catch (dev.tau.channels.ingress.NormalizationException e) {
        throw new BadEventFile(
            "route inspect file " + file + " is not a valid envelope: " + e.getMessage());
      }
      return switch (n) {
        case Normalization.Normalized ok -> ok.event();
        case Normalization.Rejected r ->
            throw new BadEventFile(
                "route inspect file "
                    + file
                    + " is not a valid envelope: "
                    + r.reason().wire()
                    + ": "
                    + r.detail());
      };
    }
    try {
      return InboundEvent.fromJson(node);
    } catch (IllegalArgumentException e) {
      throw new BadEventFile(
          "route inspect file " + file + " is not a valid event: " + e.getMessage());
    }
  }
}
