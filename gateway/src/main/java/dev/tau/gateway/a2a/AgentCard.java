package dev.tau.gateway.a2a;

import dev.tau.core.json.Json;
import dev.tau.gateway.auth.AuthMode;
import java.io.IOException;
import java.io.InputStream;
import java.util.Objects;
import java.util.Properties;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The A2A agent card served at {@code /.well-known/agent-card.json} (and the older {@code
 * /.well-known/agent.json}): how another agent finds and calls this gateway. It is a public
 * discovery document: it names the endpoint, the skills and the auth scheme, never a token, the
 * model key or the state directory.
 */
public final class AgentCard {
  /** The JSON-RPC endpoint's path. */
  public static final String RPC_PATH = "/a2a";

  private AgentCard() {}

  /**
   * The card for a gateway reached at {@code baseUrl} (scheme, host and port, no trailing slash).
   *
   * @param authMode the gateway's auth mode: any mode but {@code localhost-dev} declares a bearer
   *     scheme
   */
  public static ObjectNode build(String baseUrl, String model, AuthMode authMode) {
    Objects.requireNonNull(baseUrl, "baseUrl");
    Objects.requireNonNull(model, "model");
    Objects.requireNonNull(authMode, "authMode");
    String url = baseUrl + RPC_PATH;
    ObjectNode card = Json.object();
    card.put("protocolVersion", "0.3.0");
    card.put("name", "Tau gateway");
    card.put(
        "description",
        "A Tau agent (model " + model + ") with coding tools, reached over the Tau gateway.");
    card.put("url", url);
    card.put("preferredTransport", "JSONRPC");
    ArrayNode interfaces = card.putArray("supportedInterfaces");
    for (A2aVersion version : A2aVersion.values()) {
      ObjectNode i = interfaces.addObject();
      i.put("url", url);
      i.put("protocolBinding", "JSONRPC");
      i.put("protocolVersion", version.label());
    }
    card.putArray("additionalInterfaces").addObject().put("url", url).put("transport", "JSONRPC");
    card.putObject("provider").put("organization", "Tau").put("url", baseUrl);
    card.put("version", version());
    ObjectNode capabilities = card.putObject("capabilities");
    capabilities.put("streaming", true);
    capabilities.put("pushNotifications", false);
    capabilities.put("stateTransitionHistory", false);
    card.putArray("defaultInputModes").add("text/plain");
    card.putArray("defaultOutputModes").add("text/plain");
    ObjectNode skill = card.putArray("skills").addObject();
    skill.put("id", "agent-turn");
    skill.put("name", "Agent turn");
    skill.put(
        "description",
        "Answers a text message as one agent turn; messages with the same contextId continue one"
            + " persisted session, so the agent remembers the conversation.");
    skill.putArray("tags").add("chat").add("coding").add("tools");
    skill.putArray("examples").add("List the files in the workspace and summarise them.");
    skill.putArray("inputModes").add("text/plain");
    skill.putArray("outputModes").add("text/plain");
    if (authMode != AuthMode.LOCALHOST_DEV) {
      ObjectNode bearer = card.putObject("securitySchemes").putObject("bearer");
      bearer.put("type", "http");
      bearer.put("scheme", "bearer");
      bearer.put(
          "description",
          authMode == AuthMode.TOKEN
              ? "The gateway token, as Authorization: Bearer <token>."
              : "A session token from POST /gateway/auth/session, as Authorization: Bearer.");
      card.putArray("security").addObject().putArray("bearer");
    }
    return card;
  }

  /** The Tau version the build wrote, or {@code unknown} when run from unpackaged classes. */
  static String version() {
    Properties props = new Properties();
    try (InputStream in = AgentCard.class.getResourceAsStream("/tau-version.properties")) {
      if (in != null) {
        props.load(in);
      }
    } catch (IOException e) {
      return "unknown";
    }
    return props.getProperty("version", "unknown");
  }
}
