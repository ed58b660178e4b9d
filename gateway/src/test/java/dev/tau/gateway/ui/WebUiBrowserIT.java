package dev.tau.gateway.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tau.agent.Agent;
import dev.tau.agent.AgentConfig;
import dev.tau.agent.ToolRegistry;
import dev.tau.core.guardrail.GuardrailMode;
import dev.tau.core.json.Json;
import dev.tau.core.model.Message;
import dev.tau.core.model.ToolCall;
import dev.tau.core.model.ToolDefinition;
import dev.tau.core.provider.Cancellation;
import dev.tau.core.provider.ModelProvider;
import dev.tau.core.provider.ModelRequest;
import dev.tau.core.provider.ModelResponse;
import dev.tau.core.provider.ProviderException;
import dev.tau.core.provider.StreamEvent;
import dev.tau.core.provider.StreamSink;
import dev.tau.core.session.SessionEvent;
import dev.tau.core.session.SessionId;
import dev.tau.core.tool.Tool;
import dev.tau.core.tool.ToolContext;
import dev.tau.core.tool.ToolErrorCode;
import dev.tau.core.tool.ToolResult;
import dev.tau.core.util.IdSource;
import dev.tau.gateway.GatewayServer;
import dev.tau.gateway.GatewayServices;
import dev.tau.gateway.GatewayTestSupport;
import dev.tau.gateway.auth.AuthMode;
import dev.tau.guardrails.Guardrail;
import dev.tau.guardrails.GuardrailListener;
import dev.tau.guardrails.GuardrailPolicy;
import dev.tau.store.memory.InMemorySessionStore;
import dev.tau.testkit.agent.ScriptedModelProvider;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import tools.jackson.databind.JsonNode;

/**
 * The webchat and the dashboard driven in headless Chromium against real gateways (localhost-dev,
 * token, and a token gateway with a tiny rate limit), answering through a scripted model that
 * streams in small paced chunks. One browser for the whole class: starting Chromium is the slow
 * part.
 */
@Tag("e2e")
class WebUiBrowserIT {
  private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
  private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  private static final Duration WAIT = Duration.ofSeconds(30);
  private static final Path SCREENSHOTS = Path.of("target", "screenshots");

  @TempDir static Path dir;

  private static WebDriver driver;
  private static Gateway dev;
  private static Gateway token;
  private static Gateway limited;
  private static Gateway password;
  private static Gateway guarded;

  /** A running gateway with its scripted model, store and gated clock tool. */
  private record Gateway(
      GatewayServer server, ScriptedModelProvider model, InMemorySessionStore store, Clock clock) {
    String url(String path) {
      return "http://127.0.0.1:" + server.port() + path;
    }
  }

  /** The clock tool waits for this latch, so a test can watch the call while it runs. */
  private static volatile CountDownLatch toolGate = new CountDownLatch(0);

  @BeforeAll
  static void start() throws Exception {
    Assumptions.assumeTrue(
        Files.isExecutable(CHROMEDRIVER), "chromium-driver is not installed (apt-get install)");
    dev = gateway(AuthMode.LOCALHOST_DEV, "dev", 10_000);
    token = gateway(AuthMode.TOKEN, "token", 10_000);
    limited = gateway(AuthMode.TOKEN, "limited", 6);
    password = gateway(AuthMode.PASSWORD_SESSION, "password", 10_000);
    guarded =
        gateway(
            AuthMode.LOCALHOST_DEV,
            "guarded",
            10_000,
            new Guardrail(
                new GuardrailPolicy(
                    GuardrailMode.BLOCK, GuardrailMode.BLOCK, List.of("password"), "[REDACTED]"),
                GuardrailListener.NONE));
    ChromeDriverService service =
        new ChromeDriverService.Builder()
            .usingDriverExecutable(CHROMEDRIVER.toFile())
            .usingAnyFreePort()
            .build();
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM.toFile());
    options.addArguments(
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--disable-dev-shm-usage",
        "--window-size=1360,860",
        "--user-data-dir=" + Files.createTempDirectory("tau-chromium"));
    driver = new ChromeDriver(service, options);
    Files.createDirectories(SCREENSHOTS);
  }

  @AfterAll
  static void stop() {
    if (driver != null) {
      driver.quit();
    }
    for (Gateway g : new Gateway[] {dev, token, limited, password, guarded}) {
      if (g != null) {
        g.server().stop();
      }
    }
  }

  @BeforeEach
  void freshTab() {
    // every test starts signed out and with no current session, on every gateway's origin
    for (Gateway g : List.of(dev, token, limited, password)) {
      driver.get(g.url("/healthz"));
      js("sessionStorage.clear()");
    }
    toolGate = new CountDownLatch(0);
  }

  private static Gateway gateway(AuthMode mode, String name, int rateLimit) {
    return gateway(mode, name, rateLimit, Guardrail.disabled());
  }

  private static Gateway gateway(AuthMode mode, String name, int rateLimit, Guardrail guardrail) {
    Clock clock = Clock.systemUTC();
    ScriptedModelProvider model = new ScriptedModelProvider().chunkSize(3);
    ModelProvider paced = new PacedProvider(model, Duration.ofMillis(15));
    Agent agent =
        Agent.builder(AgentConfig.of("scripted"), paced)
            .tools(ToolRegistry.of(new ClockTool()))
            .clock(clock)
            .build();
    InMemorySessionStore store = new InMemorySessionStore(clock);
    GatewayServer server =
        GatewayServer.start(
            GatewayTestSupport.config(mode, dir.resolve(name).resolve("gateway"), rateLimit),
            new GatewayServices(
                agent, store, "scripted/model", clock, IdSource.random(), paced, guardrail));
    return new Gateway(server, model, store, clock);
  }

  // ---- webchat -------------------------------------------------------------------------------

  @Test
  void theAnswerStreamsInIncrementallyAndMarkdownCodeIsRendered() throws Exception {
    dev.model()
        .replyText(
            "Here is the fix:\n\n```java\nint answer = 42;\n```\n\n"
                + "It sets **answer** to _forty-two_ and returns it to the caller at once.");
    openChat(dev);
    recordAnswerGrowth();

    send("show me the fix");

    WebElement answer = waitFor(".msg.assistant[data-state='done']");
    List<Long> lengths = answerLengths();
    long finalLength = answer.findElement(By.cssSelector(".markdown")).getText().length();
    assertThat(lengths.stream().filter(n -> n > 0 && n < finalLength).distinct().count())
        .as("the answer was seen growing before it was complete: %s", lengths)
        .isGreaterThanOrEqualTo(3);
    WebElement code = answer.findElement(By.cssSelector("pre > code.language-java"));
    assertThat(code.getText()).isEqualTo("int answer = 42;");
    assertThat(answer.findElement(By.cssSelector("strong")).getText()).isEqualTo("answer");
    assertThat(answer.findElement(By.cssSelector("em")).getText()).isEqualTo("forty-two");
    assertThat(driver.findElements(By.cssSelector("#session-list li[aria-current]")))
        .as("the new session appears in the list and is selected")
        .hasSize(1);
  }

  @Test
  void aToolCallIsShownWhileItRunsAndThenWithItsResult() throws Exception {
    toolGate = new CountDownLatch(1);
    dev.model()
        .replyToolCalls(new ToolCall("call_clock", "clock", "{\"zone\":\"UTC\"}"))
        .replyText("It is **noon** in UTC.");
    openChat(dev);

    send("what time is it?");

    WebElement running = waitFor(".tool[data-status='running']");
    assertThat(running.findElement(By.cssSelector(".tool-name")).getText()).isEqualTo("clock");
    assertThat(running.getText()).contains("running");
    toolGate.countDown();
    WebElement done = waitFor(".tool[data-status='done']");
    done.findElement(By.tagName("summary")).click();
    assertThat(done.findElement(By.cssSelector(".tool-args")).getText())
        .contains("\"zone\": \"UTC\"");
    assertThat(done.findElement(By.cssSelector(".tool-output")).getText()).isEqualTo("12:00 UTC");
    WebElement answer = waitFor(".msg.assistant[data-state='done']");
    assertThat(answer.getText()).contains("It is noon in UTC.");
    screenshot("webchat");
  }

  @Test
  void switchingSessionsShowsEachOnesHistoryAndNewMessagesGoToTheResumedOne() throws Exception {
    dev.model().replyText("Alpha answer.").replyText("Beta answer.").replyText("Alpha again.");
    openChat(dev);
    send("alpha question");
    waitFor(".msg.assistant[data-state='done']");
    String alpha = (String) js("return sessionStorage.getItem('tau.webchat.session')");

    driver.findElement(By.id("new-session")).click();
    assertThat(driver.findElements(By.cssSelector(".msg"))).isEmpty();
    send("beta question");
    new WebDriverWait(driver, WAIT)
        .until(d -> d.findElement(By.id("messages")).getText().contains("Beta answer."));

    WebElement alphaItem = waitFor("#session-list li[data-session='" + alpha + "'] button");
    alphaItem.click();
    new WebDriverWait(driver, WAIT)
        .until(d -> d.findElement(By.id("messages")).getText().contains("Alpha answer."));
    String history = driver.findElement(By.id("messages")).getText();
    assertThat(history).contains("alpha question").doesNotContain("beta question");
    assertThat(driver.findElement(By.id("session-title")).getText()).isEqualTo("alpha question");

    send("alpha follow-up");
    new WebDriverWait(driver, WAIT)
        .until(d -> d.findElement(By.id("messages")).getText().contains("Alpha again."));
    assertThat(userMessages(dev, alpha)).containsExactly("alpha question", "alpha follow-up");

    driver.navigate().refresh();
    new WebDriverWait(driver, WAIT)
        .until(d -> d.findElement(By.id("messages")).getText().contains("Alpha again."));
  }

  @Test
  void aWrongTokenIsRejectedPlainlyAndTheRightOneIsAccepted() throws Exception {
    token.model().replyText("Signed in and answering.");
    driver.get(token.url("/webchat"));
    WebElement tokenField = waitVisible("#auth-token");
    assertThat(driver.findElement(By.id("chat")).isDisplayed()).isFalse();

    tokenField.sendKeys("not-the-token");
    driver.findElement(By.id("auth-submit")).click();
    WebElement error = waitVisible("#auth-error");
    assertThat(error.getText()).contains("Token rejected (401)");
    assertThat(js("return sessionStorage.getItem('tau.gateway.bearer')")).isNull();

    tokenField.clear();
    tokenField.sendKeys(GatewayTestSupport.TOKEN);
    driver.findElement(By.id("auth-submit")).click();
    waitVisible("#chat");
    send("hello");
    assertThat(waitFor(".msg.assistant[data-state='done']").getText())
        .contains("Signed in and answering.");
  }

  @Test
  void passwordSessionModeSignsInWithThePasswordAndRefusesAWrongOne() throws Exception {
    password.model().replyText("Hello from a password session.");
    driver.get(password.url("/webchat"));
    WebElement field = waitVisible("#auth-password");

    field.sendKeys("guess");
    driver.findElement(By.id("auth-submit")).click();
    assertThat(waitVisible("#auth-error").getText()).contains("Password rejected (401)");

    field.clear();
    field.sendKeys(GatewayTestSupport.PASSWORD);
    driver.findElement(By.id("auth-submit")).click();
    waitVisible("#chat");
    assertThat((String) js("return sessionStorage.getItem('tau.gateway.bearer')"))
        .startsWith("tau_sess_");
    send("hi");
    assertThat(waitFor(".msg.assistant[data-state='done']").getText())
        .contains("Hello from a password session.");
  }

  @Test
  void aGuardrailBlockedMessageIsExplainedPlainly() throws Exception {
    openChat(guarded);

    send("my password is hunter2");

    WebElement failed = waitFor(".msg.assistant[data-state='error']");
    assertThat(failed.getText())
        .contains("Message blocked by the input guardrail (400)")
        .contains("matched terms (password)");
  }

  @Test
  void aGuardrailBlockedAnswerIsWithheldWithoutAnyOfItsText() throws Exception {
    guarded.model().replyText("the key is " + "sk-" + "proj-" + "Ab3dE5gH7jK9mN1pQ3sT5vW7");
    openChat(guarded);

    send("what is the key?");

    WebElement failed = waitFor(".msg.assistant[data-state='error']");
    assertThat(failed.getText())
        .contains("Answer withheld by the output guardrail")
        .contains("guardrail_blocked_output")
        .doesNotContain("the key is");
  }

  @Test
  void aProviderFailureIsShownWithItsMessage() throws Exception {
    dev.model()
        .fail(new ProviderException.ConnectionFailed("scripted", "connection refused", null));
    openChat(dev);

    send("are you there?");

    WebElement failed = waitFor(".msg.assistant[data-state='error']");
    assertThat(failed.getText())
        .contains("The model provider failed")
        .contains("gateway_runtime_error")
        .contains("connection refused");
    assertThat(driver.findElement(By.id("alert")).getText()).contains("connection refused");
  }

  @Test
  void aRateLimitedSendSaysWhenToRetry() throws Exception {
    driver.get(limited.url("/webchat"));
    waitVisible("#auth-token").sendKeys(GatewayTestSupport.TOKEN);
    driver.findElement(By.id("auth-submit")).click();
    waitVisible("#chat");
    // spend what is left of the window of the principal every token caller shares
    int status = 0;
    for (int i = 0; i < 20 && status != 429; i++) {
      status =
          GatewayTestSupport.send(
                  limited.server(), "GET", "/gateway/sessions", GatewayTestSupport.TOKEN, null)
              .statusCode();
    }
    assertThat(status).isEqualTo(429);

    send("one more?");

    WebElement alert = waitVisible("#alert");
    assertThat(alert.getText())
        .contains("Rate limited (429)")
        .contains("max 6 requests per 60 seconds")
        .containsPattern("Retry in \\d+ s");
  }

  // ---- dashboard -----------------------------------------------------------------------------

  @Test
  void theDashboardShowsHealthyPassAndUpdatesLiveAfterARequest() throws Exception {
    driver.get(token.url("/dashboard"));
    waitVisible("#auth-token").sendKeys(GatewayTestSupport.TOKEN);
    driver.findElement(By.id("auth-submit")).click();

    waitFor("#live[data-state='live']");
    WebElement gatewayCard =
        waitFor(
            "#health-cards [data-component='gateway'][data-health='healthy'][data-gate='pass']");
    assertThat(gatewayCard.getText()).contains("healthy", "pass");
    WebElement cortex = waitFor("#health-cards [data-component='cortex']");
    assertThat(cortex.getText()).contains("cortex_observer_events_missing");
    WebElement channelFacts = waitFor("#health-cards [data-component='multi_channel'] .card-facts");
    assertThat(channelFacts.getText()).contains("Failure streak", "Queue depth");
    assertThat(driver.findElements(By.cssSelector("#health-cards .card"))).hasSize(5);
    assertThat(driver.findElement(By.id("overall")).getAttribute("data-health"))
        .isEqualTo("healthy");

    long before = Long.parseLong(waitFor("#rate-chart[data-total]").getAttribute("data-total"));
    for (int i = 0; i < 3; i++) {
      assertThat(
              GatewayTestSupport.send(
                      token.server(), "GET", "/gateway/status", GatewayTestSupport.TOKEN, null)
                  .statusCode())
          .isEqualTo(200);
    }
    new WebDriverWait(driver, WAIT)
        .until(
            d ->
                Long.parseLong(d.findElement(By.id("rate-chart")).getAttribute("data-total"))
                    >= before + 3);
    assertThat(driver.findElements(By.cssSelector("#rate-chart rect"))).isNotEmpty();
    assertThat(driver.findElements(By.cssSelector("#latency-chart polyline"))).isNotEmpty();
    assertThat(driver.findElement(By.id("rate-summary")).getText())
        .contains("requests in the last 60 s");
    screenshot("dashboard");
  }

  @Test
  void theDashboardListsRecentSessionsWithLinksBackToTheWebchat() throws Exception {
    dev.store()
        .append(
            SessionId.of("ops-review"),
            List.of(
                new SessionEvent.MessageAppended(
                    dev.clock().instant(), Message.user("review the rollout plan"))));
    driver.get(dev.url("/dashboard"));

    WebElement link = waitFor("#sessions-table a[href='/webchat?session=ops-review']");
    assertThat(link.findElement(By.xpath("ancestor::tr")).getText())
        .contains("review the rollout plan");
  }

  // ---- the Markdown renderer, in the browser that runs it ------------------------------------

  @Test
  void markdownEscapesHtmlSoModelTextCannotInjectMarkup() {
    openChat(dev);
    String html =
        render("<img src=x onerror=alert(1)> <script>alert(2)</script> \"quoted\" & done");
    assertThat(html)
        .isEqualTo(
            "<p>&lt;img src=x onerror=alert(1)&gt; &lt;script&gt;alert(2)&lt;/script&gt;"
                + " &quot;quoted&quot; &amp; done</p>");
    assertThat(render("[click](javascript:alert(1)) [ok](https://example.org/a_b_c)"))
        .doesNotContain("href=\"javascript")
        .contains("[click](javascript:alert(1))")
        .contains(
            "<a href=\"https://example.org/a_b_c\" target=\"_blank\" rel=\"noopener noreferrer\">ok</a>");
    assertThat(render("```html\n<b onclick=\"x()\">hi</b>\n```"))
        .isEqualTo(
            "<pre><code class=\"language-html\">&lt;b onclick=&quot;x()&quot;&gt;hi&lt;/b&gt;"
                + "</code></pre>");
    assertThat(render("`<i>` and **`x`**"))
        .isEqualTo("<p><code>&lt;i&gt;</code> and <strong><code>x</code></strong></p>");
  }

  @Test
  void markdownRendersHeadingsListsEmphasisAndUnfinishedFences() {
    openChat(dev);
    assertThat(render("## Plan\n\n1. first *step*\n2. second __step__\n\n- a\n  - nested\n- b"))
        .isEqualTo(
            "<h2>Plan</h2><ol><li>first <em>step</em></li><li>second <strong>step</strong></li></ol>"
                + "<ul><li>a<ul><li>nested</li></ul></li><li>b</li></ul>");
    assertThat(render("streaming:\n```py\nprint(1)"))
        .as("a code block still being streamed renders as code")
        .isEqualTo("<p>streaming:</p><pre><code class=\"language-py\">print(1)</code></pre>");
    assertThat(render("snake_case_name stays plain"))
        .isEqualTo("<p>snake_case_name stays plain</p>");
    assertThat(render("> quoted\n\n---")).isEqualTo("<blockquote><p>quoted</p></blockquote><hr>");
  }

  // ---- helpers -------------------------------------------------------------------------------

  private static Object js(String script, Object... args) {
    return ((JavascriptExecutor) driver).executeScript(script, args);
  }

  private static String render(String markdown) {
    return (String) js("return Tau.markdown.render(arguments[0])", markdown);
  }

  private static void openChat(Gateway gateway) {
    driver.get(gateway.url("/webchat"));
    waitVisible("#chat");
  }

  private static void send(String text) {
    WebElement input = driver.findElement(By.id("input"));
    input.sendKeys(text);
    input.sendKeys(Keys.ENTER);
  }

  private static WebElement waitFor(String css) {
    return new WebDriverWait(driver, WAIT)
        .until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(css)));
  }

  private static WebElement waitVisible(String css) {
    return new WebDriverWait(driver, WAIT)
        .until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(css)));
  }

  /** Records, in the page, the length of the streaming answer each time it changes. */
  private static void recordAnswerGrowth() {
    js(
        "window.__lengths = [];"
            + "new MutationObserver(() => {"
            + "  const answers = document.querySelectorAll('.msg.assistant .markdown');"
            + "  const last = answers[answers.length - 1];"
            + "  if (last) window.__lengths.push(last.textContent.length);"
            + "}).observe(document.getElementById('messages'),"
            + "  {childList: true, subtree: true, characterData: true});");
  }

  @SuppressWarnings("unchecked")
  private static List<Long> answerLengths() {
    return (List<Long>) js("return window.__lengths");
  }

  private static List<String> userMessages(Gateway gateway, String session) {
    return gateway.store().events(SessionId.of(session)).stream()
        .map(e -> e.event())
        .filter(SessionEvent.MessageAppended.class::isInstance)
        .map(e -> ((SessionEvent.MessageAppended) e).message())
        .filter(Message.User.class::isInstance)
        .map(Message::text)
        .toList();
  }

  private static void screenshot(String name) throws Exception {
    File shot = ((ChromeDriver) driver).getScreenshotAs(OutputType.FILE);
    Files.copy(
        shot.toPath(), SCREENSHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
  }

  /** Passes the wrapped model's stream through with a pause before each text delta. */
  private record PacedProvider(ModelProvider inner, Duration pause) implements ModelProvider {
    @Override
    public String id() {
      return inner.id();
    }

    @Override
    public ModelResponse complete(ModelRequest request, Cancellation cancellation) {
      return inner.complete(request, cancellation);
    }

    @Override
    public ModelResponse stream(ModelRequest request, StreamSink sink, Cancellation cancellation) {
      return inner.stream(
          request,
          event -> {
            if (event instanceof StreamEvent.TextDelta) {
              try {
                Thread.sleep(pause);
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            }
            sink.accept(event);
          },
          cancellation);
    }
  }

  /** A gateway tool that reports the time once the test opens {@link #toolGate}. */
  private static final class ClockTool implements Tool {
    @Override
    public ToolDefinition definition() {
      JsonNode schema =
          Json.parse("{\"type\":\"object\",\"properties\":{\"zone\":{\"type\":\"string\"}}}");
      return new ToolDefinition("clock", "Tells the time in a zone.", schema);
    }

    @Override
    public ToolResult execute(JsonNode arguments, ToolContext context) {
      try {
        if (!toolGate.await(30, TimeUnit.SECONDS)) {
          return ToolResult.failed(ToolErrorCode.TIMEOUT, "the test never opened the gate");
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      return ToolResult.ok("12:00 UTC");
    }
  }
}
