package dev.tau.testkit.channels;

import dev.tau.core.json.Json;
import dev.tau.testkit.fakes.RecordedRequest;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A fake WhatsApp Cloud API (Meta Graph API v20.0) on loopback, served under {@code /v20.0}: {@code
 * POST /{phone_number_id}/messages} with {@code Authorization: Bearer <token>} answers {@code
 * {"messaging_product":"whatsapp","contacts":[…],"messages":[{"id":"wamid.…"}]}}. Errors use the
 * Graph envelope {@code {"error":{"message","type","code","fbtrace_id"}}}: 401 code 190 for a wrong
 * token, 400 code 100 for an unknown phone number id or a bad body, 429 code 130429 for the rate
 * limit.
 */
public final class FakeWhatsAppGraphApi extends FakePlatformServer {
  private final String token;
  private final String phoneNumberId;
  private final AtomicLong nextId = new AtomicLong(1);

  /**
   * @param token the access token requests must carry as a bearer token
   * @param phoneNumberId the business phone number id the fake knows
   */
  public FakeWhatsAppGraphApi(String token, String phoneNumberId) {
    this(token, phoneNumberId, Clock.systemUTC());
  }

  public FakeWhatsAppGraphApi(String token, String phoneNumberId, Clock clock) {
    super("/v20.0", clock);
    this.token = token;
    this.phoneNumberId = phoneNumberId;
  }

  /** The bodies of every {@code messages} request, in order. */
  public List<JsonNode> sentMessages() {
    return requests("POST", "/messages").stream().map(r -> r.json()).toList();
  }

  @Override
  protected Answer route(RecordedRequest request, String path) {
    if (!("Bearer " + token).equals(request.header("authorization").orElse(""))) {
      return error(
          401, "Invalid OAuth access token - Cannot parse access token", "OAuthException", 190);
    }
    String[] parts = path.split("/");
    if (parts.length != 3 || !parts[2].equals("messages") || !request.method().equals("POST")) {
      return error(400, "Unknown path components: " + path, "OAuthException", 2500);
    }
    if (!parts[1].equals(phoneNumberId)) {
      return error(
          400,
          "Unsupported post request. Object with ID '"
              + parts[1]
              + "' does not exist, cannot be loaded due to missing permissions, or does not"
              + " support this operation.",
          "GraphMethodException",
          100);
    }
    JsonNode body;
    try {
      body = Json.parse(request.body());
    } catch (IllegalArgumentException e) {
      return error(400, "(#100) Invalid JSON", "OAuthException", 100);
    }
    if (!body.path("messaging_product").asString("").equals("whatsapp")) {
      return error(
          400, "(#100) The parameter messaging_product is required.", "OAuthException", 100);
    }
    String to = body.path("to").asString("");
    if (!to.matches("\\+?\\d{6,15}")) {
      return error(400, "(#100) Invalid parameter: to", "OAuthException", 100);
    }
    if (body.path("type").asString("text").equals("text")) {
      String text = body.path("text").path("body").asString("");
      if (text.isBlank()) {
        return error(400, "(#100) The parameter text['body'] is required.", "OAuthException", 100);
      }
      if (text.codePointCount(0, text.length()) > 4096) {
        return error(
            400,
            "(#100) Param text['body'] must be at most 4096 characters long.",
            "OAuthException",
            100);
      }
    }
    ObjectNode answer = Json.object().put("messaging_product", "whatsapp");
    String waId = to.startsWith("+") ? to.substring(1) : to;
    answer.putArray("contacts").addObject().put("input", to).put("wa_id", waId);
    answer
        .putArray("messages")
        .addObject()
        .put(
            "id",
            "wamid.HBgLMTU1NTAxMjM0NTYVAgARGBI" + String.format("%012d", nextId.getAndIncrement()));
    return Answer.json(200, answer);
  }

  @Override
  protected Answer failure(ScriptedFailure failure) {
    if (failure.isRedirect()) {
      return new Answer(
          failure.status(),
          "",
          failure.location().isEmpty() ? Map.of() : Map.of("Location", failure.location()));
    }
    if (failure.status() == 429) {
      return error(429, "(#130429) Rate limit hit", "OAuthException", 130429);
    }
    return error(failure.status(), failure.description(), "OAuthException", 1);
  }

  private static Answer error(int status, String message, String type, int code) {
    ObjectNode body = Json.object();
    body.putObject("error")
        .put("message", message)
        .put("type", type)
        .put("code", code)
        .put("fbtrace_id", "AbCdEfGhIjKlMnOp");
    return Answer.json(status, body);
  }
}
