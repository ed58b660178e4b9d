package dev.tau.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.strings;

import dev.tau.core.json.Json;
import dev.tau.gateway.auth.AuthMode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;
import tools.jackson.databind.JsonNode;

/**
 * Property-based input fuzzing of the gateway's JSON endpoints over loopback (part of {@code make
 * security-check}): random text, truncated requests, deep nesting and wrong-typed fields are thrown
 * at {@code /v1/responses}, {@code /v1/chat/completions}, {@code /v1/a2a/ping} and {@code /a2a}.
 * Whatever arrives, the answer is a JSON error the client can act on: a 4xx with the error envelope
 * (or, on {@code /a2a}, a JSON-RPC error object), never a 5xx, never a stack trace or a Java class
 * name. QuickTheories prints the seed and the shrunk body of any failure.
 */
class InputFuzzIT {
  private static final List<String> ENDPOINTS =
      List.of("/v1/responses", "/v1/chat/completions", "/v1/a2a/ping", "/a2a");

  /** Examples per property; {@code -Dtau.fuzz.examples=5000} for a longer hunt. */
  private static final int EXAMPLES = Integer.getInteger("tau.fuzz.examples", 60);

  /** Valid requests, one per endpoint, that the generators cut and corrupt. */
  private static final List<String> VALID =
      List.of(
          "{\"model\":\"offline/echo\",\"input\":\"hello\",\"metadata\":{\"session_id\":\"s1\"}}",
          "{\"model\":\"offline/echo\",\"messages\":[{\"role\":\"user\",\"content\":\"hello\"}]}",
          "{\"from_agent\":\"ops\",\"to_agent\":\"zavora\",\"message_id\":\"ping-1\",\"payload\":{}}",
          "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"message/send\",\"params\":{\"message\":"
              + "{\"role\":\"user\",\"messageId\":\"m1\",\"parts\":[{\"kind\":\"text\",\"text\":\"hi\"}]}}}");

  @TempDir static Path dir;

  private static GatewayServer server;
  private static HttpClient client;

  @BeforeAll
  static void start() throws Exception {
    server =
        GatewayServer.start(
            GatewayTestSupport.config(AuthMode.LOCALHOST_DEV, dir, 1_000_000),
            GatewayTestSupport.offlineServices());
    client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  }

  @AfterAll
  static void stop() {
    client.close();
    server.close();
  }

  private static HttpResponse<String> post(String path, String body) {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
            .timeout(Duration.ofSeconds(20))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build();
    try {
      return client.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (Exception e) {
      throw new AssertionError("POST " + path + " got no answer: " + e, e);
    }
  }

  /** Not JSON at all, or JSON cut short: always a client error. */
  private static Gen<String> malformed() {
    Gen<String> text = strings().allPossible().ofLengthBetween(0, 120);
    Gen<String> ascii = strings().ascii().ofLengthBetween(1, 120);
    Gen<String> truncated =
        Generate.pick(VALID)
            .zip(Generate.range(1, 1000), (valid, cut) -> valid.substring(0, cut % valid.length()));
    Gen<String> unbalanced =
        Generate.pick(
                List.of("{", "[", "{\"a\":", "{\"input\":[", "\"", "{\"model\":\"x\",}", "[1,]"))
            .zip(Generate.range(1, 50), (open, n) -> open.repeat(n));
    return Generate.oneOf(text, ascii, truncated, unbalanced).assuming(InputFuzzIT::notJson);
  }

  /** JSON that is not an object: a client error everywhere. */
  private static Gen<String> notAnObject() {
    return Generate.oneOf(
        Generate.pick(List.of("null", "true", "0", "-1.5e308", "\"hello\"", "[]", "[{}]", "\"\"")),
        Generate.range(-1000, 1000).map((Integer n) -> Integer.toString(n)),
        strings()
            .basicLatinAlphabet()
            .ofLengthBetween(0, 40)
            .map(s -> Json.write(Json.array().add(s))));
  }

  /**
   * Thousands of nested arrays or objects: a parser that recursed without bound would fall over.
   */
  private static Gen<String> deeplyNested() {
    return Generate.range(200, 20_000)
        .zip(
            Generate.pick(List.of("[", "{\"a\":", "{\"input\":[")),
            (depth, open) -> "{\"model\":\"offline/echo\",\"input\":" + open.repeat(depth));
  }

  /**
   * Each endpoint's required field replaced by a value of the wrong type. (A string inside an
   * {@code input} array is a user message by design, so the arrays here hold no strings.)
   */
  private static Gen<String[]> wrongTypes() {
    Gen<String> wrongValue =
        Generate.pick(List.of("null", "42", "true", "{}", "{\"x\":[1,2]}", "[1,2,null]", "-0.0"));
    Gen<String[]> responses =
        wrongValue.map(
            v ->
                new String[] {"/v1/responses", "{\"model\":\"offline/echo\",\"input\":" + v + "}"});
    Gen<String[]> chat =
        wrongValue.map(
            v ->
                new String[] {
                  "/v1/chat/completions", "{\"model\":\"offline/echo\",\"messages\":" + v + "}"
                });
    Gen<String[]> ping =
        Generate.pick(List.of("from_agent", "to_agent", "message_id"))
            .zip(
                wrongValue,
                (field, v) ->
                    new String[] {
                      "/v1/a2a/ping",
                      VALID
                          .get(2)
                          .replace("\"" + field + "\":\"", "\"" + field + "\":" + v + ",\"x\":\"")
                    });
    Gen<String[]> rpc =
        Generate.pick(List.of("\"jsonrpc\":\"2.0\"", "\"method\":\"message/send\"", "\"params\":{"))
            .zip(
                wrongValue,
                (field, v) -> {
                  String key = field.substring(0, field.indexOf(':') + 1);
                  String body =
                      VALID
                          .get(3)
                          .replace(field, key + v + (field.endsWith("{") ? ",\"y\":{" : ""));
                  return new String[] {"/a2a", body};
                });
    return Generate.oneOf(responses, chat, ping, rpc);
  }

  private static boolean notJson(String text) {
    try {
      Json.parse(text);
      return text.isBlank();
    } catch (IllegalArgumentException e) {
      return true;
    }
  }

  /** The answer is a client error the caller can read, whatever the body was. */
  private static void assertClientError(String path, String body, HttpResponse<String> response) {
    String answer = response.body();
    String what = "POST " + path + " with " + clip(body) + " answered " + response.statusCode();
    assertThat(answer)
        .as(what + ": no stack trace or class name")
        .doesNotContain("\tat ")
        .doesNotContain("Exception")
        .doesNotContain(".java:")
        .doesNotContain("dev.tau.");
    JsonNode json;
    try {
      json = Json.parse(answer);
    } catch (IllegalArgumentException e) {
      throw new AssertionError(what + " with a body that is not JSON: " + clip(answer), e);
    }
    if (path.equals("/a2a") && response.statusCode() == 200) {
      // JSON-RPC reports request errors in the body, with HTTP 200 (docs/a2a.md)
      assertThat(json.path("error").path("code").isInt()).as(what + ": " + clip(answer)).isTrue();
      assertThat(json.path("error").path("code").asInt()).as(what).isBetween(-32700, -32000);
      return;
    }
    assertThat(response.statusCode()).as(what + ": " + clip(answer)).isBetween(400, 499);
    assertThat(json.has("error")).as(what + ": an error envelope, got " + clip(answer)).isTrue();
  }

  private static String clip(String text) {
    return text.length() <= 160 ? text : text.substring(0, 160) + "…(" + text.length() + ")";
  }

  @Test
  void malformedBodiesAreClientErrorsOnEveryJsonEndpoint() {
    qt().withExamples(EXAMPLES)
        .forAll(Generate.pick(ENDPOINTS), malformed())
        .checkAssert((path, body) -> assertClientError(path, body, post(path, body)));
  }

  @Test
  void jsonThatIsNotAnObjectIsAClientError() {
    qt().withExamples(EXAMPLES)
        .forAll(Generate.pick(ENDPOINTS), notAnObject())
        .checkAssert((path, body) -> assertClientError(path, body, post(path, body)));
  }

  @Test
  void deepNestingIsRefusedNotACrash() {
    qt().withExamples(Math.max(1, EXAMPLES / 3))
        .forAll(Generate.pick(ENDPOINTS), deeplyNested())
        .checkAssert((path, body) -> assertClientError(path, body, post(path, body)));
  }

  @Test
  void wrongTypedRequiredFieldsAreClientErrors() {
    qt().withExamples(EXAMPLES)
        .forAll(wrongTypes())
        .checkAssert(
            request -> assertClientError(request[0], request[1], post(request[0], request[1])));
  }

  @Test
  void theValidRequestsTheFuzzerStartsFromAreAccepted() {
    // guards the generators: if these were refused, every "client error" above would prove nothing
    for (int i = 0; i < ENDPOINTS.size(); i++) {
      HttpResponse<String> response = post(ENDPOINTS.get(i), VALID.get(i));
      assertThat(response.statusCode())
          .as(ENDPOINTS.get(i) + ": " + response.body())
          .isEqualTo(200);
      assertThat(Json.parse(response.body()).path("error").isObject())
          .as(response.body())
          .isFalse();
    }
  }
}
