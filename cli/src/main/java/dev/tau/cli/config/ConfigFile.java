package dev.tau.cli.config;

import dev.tau.core.error.InputException;
import dev.tau.mcp.McpServerConfig;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import tools.jackson.core.JacksonException;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.cfg.CoercionAction;
import tools.jackson.databind.cfg.CoercionInputShape;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;
import tools.jackson.databind.type.LogicalType;
import tools.jackson.dataformat.toml.TomlMapper;

/**
 * The parsed {@code .tau/config.toml}: {@code [profiles.<name>]} tables and {@code
 * [mcp.servers.<name>]} tables, strictly checked. A missing file is an empty configuration, not an
 * error.
 */
public record ConfigFile(
    Path path,
    boolean exists,
    Map<String, ProfileConfig> profiles,
    List<McpServerConfig> mcpServers) {
  private static final TomlMapper MAPPER =
      TomlMapper.builder()
          .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
          .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
          .disable(tools.jackson.databind.MapperFeature.ALLOW_COERCION_OF_SCALARS)
          // a value of the wrong TOML type is an error, never silently converted (1.9 turns, "true"
          // as a path)
          .withCoercionConfig(
              LogicalType.Integer,
              c ->
                  c.setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                      .setCoercion(CoercionInputShape.String, CoercionAction.Fail)
                      .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail))
          .withCoercionConfig(
              LogicalType.Boolean,
              c ->
                  c.setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                      .setCoercion(CoercionInputShape.String, CoercionAction.Fail))
          .withCoercionConfig(
              LogicalType.Textual,
              c ->
                  c.setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                      .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                      .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail))
          .build();

  /** The file's shape: a table of profiles and a table of MCP servers. */
  record Root(Map<String, ProfileConfig> profiles, Mcp mcp) {}

  /** {@code [mcp]}: only {@code servers} so far. */
  record Mcp(Map<String, McpServerEntry> servers) {}

  public ConfigFile {
    profiles = Map.copyOf(profiles);
    mcpServers = List.copyOf(mcpServers);
  }

  /**
   * Loads and checks a config file.
   *
   * @throws InputException naming the file, the line and the key or value at fault
   */
  public static ConfigFile load(Path path) {
    if (!Files.exists(path)) {
      return new ConfigFile(path, false, Map.of(), List.of());
    }
    String text;
    try {
      text = Files.readString(path, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new InputException("cannot read config file " + path + ": " + e.getMessage(), e);
    }
    Root root;
    try {
      root = MAPPER.readValue(text, Root.class);
    } catch (UnrecognizedPropertyException e) {
      String where = e.getPath().isEmpty() ? "" : pathOf(e);
      int line = lineOfKey(text, e.getPropertyName());
      throw new InputException(
          "unknown key '"
              + e.getPropertyName()
              + "'"
              + where
              + " in "
              + path
              + (line > 0 ? " line " + line : line(e.getLocation()))
              + " (profile keys: see docs/configuration.md)");
    } catch (MismatchedInputException e) {
      String key = lastKey(e);
      int line = key == null ? 0 : lineOfKey(text, key);
      throw new InputException(
          "invalid value"
              + (key == null ? "" : " for key '" + key + "'")
              + (e.getPath().size() > 1 ? pathOf(e, key) : "")
              + " in "
              + path
              + (line > 0 ? " line " + line : line(e.getLocation()))
              + ": expected "
              + expected(e.getTargetType()));
    } catch (JacksonException e) {
      throw new InputException(
          "invalid config file " + path + line(e.getLocation()) + ": " + e.getOriginalMessage(), e);
    }
    Map<String, ProfileConfig> profiles = new TreeMap<>();
    if (root != null && root.profiles() != null) {
      root.profiles()
          .forEach(
              (name, profile) ->
                  profiles.put(name, profile == null ? ProfileConfig.empty() : profile));
    }
    return new ConfigFile(path, true, profiles, mcpServers(root, path, text));
  }

  /** The {@code [mcp.servers.*]} tables, in file order, each checked. */
  private static List<McpServerConfig> mcpServers(Root root, Path path, String text) {
    if (root == null || root.mcp() == null || root.mcp().servers() == null) {
      return List.of();
    }
    List<McpServerConfig> servers = new ArrayList<>();
    for (var named : root.mcp().servers().entrySet()) {
      String name = named.getKey();
      McpServerEntry entry = named.getValue();
      int line = lineOfKey(text, name);
      String where = " (" + path + (line > 0 ? " line " + line : "") + ")";
      if (entry == null) {
        throw new InputException("[mcp.servers." + name + "] is empty" + where);
      }
      try {
        servers.add(
            new McpServerConfig(
                name,
                entry.command(),
                entry.args(),
                entry.env(),
                entry.url() == null ? null : URI.create(entry.url()),
                entry.enabled() == null || entry.enabled(),
                seconds(entry.timeoutSecs(), name, "timeout_secs", where),
                seconds(entry.toolTimeoutSecs(), name, "tool_timeout_secs", where),
                entry.authBearerEnv(),
                entry.toolAllowlist()));
      } catch (IllegalArgumentException e) {
        // URI.create and the record's own checks; neither message holds an env value
        String message = e.getMessage();
        if (!message.startsWith("[mcp.servers.")) {
          message = "[mcp.servers." + name + "] 'url' is not a URL: " + message;
        }
        throw new InputException(message + where);
      }
    }
    return servers;
  }

  private static Duration seconds(Integer value, String name, String key, String where) {
    if (value == null) {
      return null;
    }
    if (value < 1 || value > 3600) {
      throw new InputException(
          "[mcp.servers." + name + "] '" + key + "' must be 1 to 3600 seconds" + where);
    }
    return Duration.ofSeconds(value);
  }

  @Override
  public String toString() {
    return "ConfigFile[path=" + path + ", profiles=" + profiles.keySet() + "]";
  }

  /** The named profile; the implicit empty {@code default} profile when that one is absent. */
  public ProfileConfig profile(String name) {
    if (name == null || name.isBlank()) {
      throw new InputException("--profile must not be empty");
    }
    ProfileConfig profile = profiles.get(name);
    if (profile != null) {
      return profile;
    }
    if (name.equals("default")) {
      return ProfileConfig.empty();
    }
    throw new InputException(
        "profile '"
            + name
            + "' not found in "
            + path
            + ". "
            + (profiles.isEmpty()
                ? "No profiles are defined yet."
                : "Available profiles: "
                    + String.join(", ", new java.util.TreeSet<>(profiles.keySet()))));
  }

  /**
   * The first line that defines {@code key} (as {@code key =}, a {@code [key]} table or a dotted
   * table name). The TOML parser reports no position for unknown keys, so we find it ourselves.
   */
  static int lineOfKey(String text, String key) {
    java.util.regex.Pattern assignment =
        java.util.regex.Pattern.compile(
            "^\\s*\"?" + java.util.regex.Pattern.quote(key) + "\"?\\s*=.*");
    java.util.regex.Pattern table =
        java.util.regex.Pattern.compile(
            "^\\s*\\[\\[?\\s*(?:[^\\]]*\\.)?\"?"
                + java.util.regex.Pattern.quote(key)
                + "\"?(?:\\.[^\\]]*)?\\s*\\]\\]?.*");
    String[] lines = text.split("\\R", -1);
    for (int i = 0; i < lines.length; i++) {
      if (assignment.matcher(lines[i]).matches() || table.matcher(lines[i]).matches()) {
        return i + 1;
      }
    }
    return 0;
  }

  private static String lastKey(MismatchedInputException e) {
    for (int i = e.getPath().size() - 1; i >= 0; i--) {
      String name = e.getPath().get(i).getPropertyName();
      if (name != null) {
        return name;
      }
    }
    return null;
  }

  private static String pathOf(MismatchedInputException e, String key) {
    StringBuilder sb = new StringBuilder();
    for (var ref : e.getPath()) {
      String name = ref.getPropertyName();
      if (name != null && !name.equals(key)) {
        sb.append(sb.isEmpty() ? "" : ".").append(name);
      }
    }
    return sb.isEmpty() ? "" : " in [" + sb + "]";
  }

  private static String expected(Class<?> type) {
    if (type == null) {
      return "a value of another type";
    }
    if (type == Integer.class || type == Long.class || type == int.class || type == long.class) {
      return "a whole number";
    }
    if (type == Boolean.class || type == boolean.class) {
      return "true or false";
    }
    if (type == String.class) {
      return "a string in quotes";
    }
    if (java.util.List.class.isAssignableFrom(type)) {
      return "a list of strings, for example [\"a\", \"b\"]";
    }
    if (type == ProfileConfig.class || java.util.Map.class.isAssignableFrom(type)) {
      return "a table, for example [profiles.default]";
    }
    return "a " + type.getSimpleName();
  }

  private static String pathOf(UnrecognizedPropertyException e) {
    StringBuilder sb = new StringBuilder();
    for (var ref : e.getPath()) {
      if (ref.getPropertyName() != null && !ref.getPropertyName().equals(e.getPropertyName())) {
        sb.append(sb.isEmpty() ? "" : ".").append(ref.getPropertyName());
      }
    }
    return sb.isEmpty() ? " at top level" : " in [" + sb + "]";
  }

  private static String line(TokenStreamLocation location) {
    return location == null || location.getLineNr() < 1 ? "" : " line " + location.getLineNr();
  }
}
