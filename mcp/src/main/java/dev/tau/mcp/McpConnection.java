package dev.tau.mcp;

import dev.tau.core.json.Json;
import dev.tau.core.model.ToolDefinition;
import dev.tau.core.util.Urls;
import io.modelcontextprotocol.client.McpAsyncClient;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.client.transport.ServerParameters;
import io.modelcontextprotocol.client.transport.StdioClientTransport;
import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.spec.McpClientTransport;
import io.modelcontextprotocol.spec.McpSchema;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** One live session with one MCP server: the SDK client, its transport and its tools. */
final class McpConnection implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(McpConnection.class);

  /** What a stdio server inherits from Tau's environment; provider keys and tokens are not. */
  static final List<String> INHERITED_ENV =
      List.of(
          "PATH",
          "HOME",
          "USER",
          "LOGNAME",
          "SHELL",
          "TERM",
          "LANG",
          "LC_ALL",
          "LC_CTYPE",
          "TMPDIR",
          "TZ",
          "SYSTEMROOT",
          "JAVA_HOME");

  private static final Pattern INVALID_NAME_CHARS = Pattern.compile("[^A-Za-z0-9_-]");
  private static final int STDERR_LINES = 5;

  static {
    // the SDK's reactive pipelines drop errors after a server dies (a broken pipe on a late write);
    // Reactor would print them with a stack trace, but the failure is already reported to the user
    reactor.core.publisher.Hooks.onErrorDropped(
        error -> LOG.debug("MCP transport error after close: {}", error.toString()));
  }

  private final McpServerConfig config;
  private final McpAsyncClient client;
  private final StdioClientTransport stdio;
  private final Deque<String> stderr;
  private final Set<String> secrets;

  private McpConnection(
      McpServerConfig config,
      McpAsyncClient client,
      StdioClientTransport stdio,
      Deque<String> stderr,
      Set<String> secrets) {
    this.config = config;
    this.stdio = stdio;
    this.client = client;
    this.stderr = stderr;
    this.secrets = secrets;
  }

  /**
   * Starts or reaches the server and creates the SDK client; nothing is exchanged yet.
   *
   * @throws IllegalStateException naming what is missing (an unset bearer-token variable)
   */
  static McpConnection create(McpServerConfig config, Map<String, String> env, String version) {
    Deque<String> stderr = new ArrayDeque<>();
    Set<String> secrets = new HashSet<>(config.env().values());
    McpClientTransport transport;
    StdioClientTransport stdio = null;
    if (config.transport() == McpTransport.STDIO) {
      Map<String, String> childEnv = new LinkedHashMap<>();
      for (String name : INHERITED_ENV) {
        String value = env.get(name);
        if (value != null) {
          childEnv.put(name, value);
        }
      }
      childEnv.putAll(config.env());
      requireExecutable(config.command(), childEnv.get("PATH"));
      ServerParameters params =
          ServerParameters.builder(config.command()).args(config.args()).env(childEnv).build();
      stdio = new ConfinedStdioTransport(params, childEnv);
      stdio.setStdErrorHandler(
          line -> {
            LOG.debug("MCP server '{}' stderr: {}", config.name(), line);
            synchronized (stderr) {
              stderr.addLast(line);
              while (stderr.size() > STDERR_LINES) {
                stderr.removeFirst();
              }
            }
          });
      transport = stdio;
    } else {
      HttpRequest.Builder request = HttpRequest.newBuilder();
      if (config.authBearerEnv() != null) {
        String token = env.get(config.authBearerEnv());
        if (token == null || token.isBlank()) {
          throw new IllegalStateException(
              "environment variable "
                  + config.authBearerEnv()
                  + " (auth_bearer_env) is not set or empty");
        }
        secrets.add(token);
        request.header("Authorization", "Bearer " + token);
      }
      URI url = config.url();
      String base = url.getScheme() + "://" + url.getRawAuthority();
      String endpoint =
          (url.getRawPath() == null || url.getRawPath().isEmpty() ? "/" : url.getRawPath())
              + (url.getRawQuery() == null ? "" : "?" + url.getRawQuery());
      transport =
          HttpClientStreamableHttpTransport.builder(base)
              .endpoint(endpoint)
              .requestBuilder(request)
              .connectTimeout(config.timeout())
              .openConnectionOnStartup(false)
              .build();
    }
    McpAsyncClient client =
        McpClient.async(transport)
            .clientInfo(McpSchema.Implementation.builder("tau", version).build())
            .requestTimeout(config.toolTimeout())
            .initializationTimeout(config.timeout())
            .build();
    return new McpConnection(config, client, stdio, stderr, secrets);
  }

  private McpSchema.InitializeResult init;
  private List<McpSchema.Tool> listed = List.of();

  /** Initialises the session and lists every tool (following pagination). */
  void open() throws InterruptedException, ExecutionException, TimeoutException {
    CompletableFuture<McpSchema.InitializeResult> initializing = client.initialize().toFuture();
    if (stdio != null) {
      // the SDK does not fail a pending request when the child dies; watch it ourselves so a
      // crashing server is reported at once rather than after the whole timeout
      CompletableFuture<Void> exited = new CompletableFuture<>();
      Thread.ofVirtual().start(() -> watchExit(initializing, exited));
      CompletableFuture.anyOf(initializing, exited)
          .get(config.timeout().toMillis(), TimeUnit.MILLISECONDS);
      if (!initializing.isDone()) {
        awaitStderr();
        throw new IllegalStateException("the server process exited before answering initialize");
      }
    }
    McpSchema.InitializeResult result =
        initializing.get(config.timeout().toMillis(), TimeUnit.MILLISECONDS);
    List<McpSchema.Tool> all = new ArrayList<>();
    String cursor = null;
    do {
      McpSchema.ListToolsResult page = client.listTools(cursor).block(config.timeout());
      if (page == null) {
        break;
      }
      if (page.tools() != null) {
        all.addAll(page.tools());
      }
      cursor = page.nextCursor();
    } while (cursor != null && !cursor.isEmpty());
    init = result;
    listed = List.copyOf(all);
  }

  /**
   * Names the listed tools {@code mcp__<server>__<tool>}, keeps those the allowlist lets through
   * and whose names are free, adds them to {@code out} and returns the server's status.
   */
  McpServerStatus claim(Set<String> taken, List<? super McpRemoteTool> out) {
    List<McpServerStatus.McpToolInfo> infos = new ArrayList<>();
    List<String> skipped = new ArrayList<>();
    for (McpSchema.Tool tool : listed) {
      if (!config.toolAllowlist().isEmpty() && !config.toolAllowlist().contains(tool.name())) {
        skipped.add(tool.name() + ": not in tool_allowlist");
        continue;
      }
      String name =
          "mcp__" + config.name() + "__" + INVALID_NAME_CHARS.matcher(tool.name()).replaceAll("_");
      if (name.length() > 64) {
        skipped.add(tool.name() + ": namespaced name '" + name + "' is longer than 64 characters");
        continue;
      }
      if (!taken.add(name)) {
        skipped.add(tool.name() + ": name '" + name + "' is already taken");
        continue;
      }
      String description = description(tool);
      out.add(
          new McpRemoteTool(
              new ToolDefinition(name, description, schema(tool)),
              config.name(),
              tool.name(),
              client,
              config.toolTimeout()));
      infos.add(new McpServerStatus.McpToolInfo(name, tool.name(), description));
    }
    McpSchema.Implementation info = init == null ? null : init.serverInfo();
    return new McpServerStatus(
        config.name(),
        config.transport(),
        config.target(),
        McpServerState.CONNECTED,
        "",
        info == null ? "" : info.name() + (info.version() == null ? "" : " " + info.version()),
        infos,
        skipped);
  }

  private void watchExit(
      CompletableFuture<McpSchema.InitializeResult> initializing, CompletableFuture<Void> exited) {
    while (!initializing.isDone()) {
      try {
        stdio.awaitForExit();
        exited.complete(null);
        return;
      } catch (NullPointerException notStartedYet) {
        // the transport starts the process when the first message is sent
        try {
          Thread.sleep(20);
        } catch (InterruptedException e) {
          return;
        }
      } catch (RuntimeException interrupted) {
        return;
      }
    }
  }

  /** Gives the stderr reader a moment to deliver the dead child's last words. */
  private void awaitStderr() throws InterruptedException {
    for (int i = 0; i < 25; i++) {
      synchronized (stderr) {
        if (!stderr.isEmpty()) {
          return;
        }
      }
      Thread.sleep(20);
    }
  }

  /** Fails fast, naming the command, when it is neither an executable path nor on PATH. */
  static void requireExecutable(String command, String path) {
    if (command.contains("/") || command.contains(java.io.File.separator)) {
      if (!Files.isRegularFile(Path.of(command)) || !Files.isExecutable(Path.of(command))) {
        throw new IllegalStateException("command '" + command + "' is not an executable file");
      }
      return;
    }
    for (String dir : (path == null ? "" : path).split(java.io.File.pathSeparator)) {
      if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, command))) {
        return;
      }
    }
    throw new IllegalStateException("command '" + command + "' was not found on PATH");
  }

  /** Why this server failed, for people: the error, then the server's last stderr line. */
  String failure(Throwable error) {
    String detail = Failures.describe(error);
    String last;
    synchronized (stderr) {
      last = stderr.peekLast();
    }
    if (last != null && !last.isBlank()) {
      detail += " (server stderr: " + cap(last.strip()) + ")";
    }
    return scrub(detail);
  }

  /** Replaces configured env values and the bearer token; redacts URLs. */
  String scrub(String text) {
    String out = text;
    for (String secret : secrets) {
      if (secret != null && secret.length() >= 4) {
        out = out.replace(secret, "***");
      }
    }
    if (config.url() != null) {
      out = out.replace(config.url().toString(), Urls.redact(config.url()));
    }
    return out;
  }

  private static String cap(String line) {
    return line.length() <= 300 ? line : line.substring(0, 300) + "…";
  }

  private static String description(McpSchema.Tool tool) {
    if (tool.description() != null && !tool.description().isBlank()) {
      return tool.description();
    }
    if (tool.title() != null && !tool.title().isBlank()) {
      return tool.title();
    }
    return "MCP tool " + tool.name();
  }

  private static JsonNode schema(McpSchema.Tool tool) {
    JsonNode schema =
        tool.inputSchema() == null ? null : Json.mapper().valueToTree(tool.inputSchema());
    ObjectNode object = schema != null && schema.isObject() ? (ObjectNode) schema : Json.object();
    if (!object.has("type")) {
      object.put("type", "object");
    }
    if (!object.has("properties")) {
      object.putObject("properties");
    }
    return object;
  }

  @Override
  public void close() {
    try {
      // closeGracefully ends the stdio child (stdin closed, then destroyed) or deletes the HTTP
      // session; bounded so a hung server cannot hold up shutdown
      client.closeGracefully().block(java.time.Duration.ofSeconds(2));
    } catch (RuntimeException e) {
      LOG.debug("MCP server '{}' did not close cleanly: {}", config.name(), e.toString());
    } finally {
      client.close();
    }
  }

  /** The SDK's stdio transport with the child's environment limited to what we pass. */
  private static final class ConfinedStdioTransport extends StdioClientTransport {
    private final Map<String, String> env;

    ConfinedStdioTransport(ServerParameters params, Map<String, String> env) {
      super(params, McpJsonDefaults.getMapper());
      this.env = env;
    }

    @Override
    protected ProcessBuilder getProcessBuilder() {
      ProcessBuilder builder = super.getProcessBuilder();
      // the SDK adds the parameters' env to a copy of ours; start from nothing instead
      builder.environment().clear();
      builder.environment().putAll(env);
      return builder;
    }
  }
}
