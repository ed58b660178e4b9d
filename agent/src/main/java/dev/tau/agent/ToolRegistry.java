package dev.tau.agent;

import dev.tau.core.model.ToolDefinition;
import dev.tau.core.tool.Tool;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The tools an agent may offer, by unique name, in registration order. Immutable; {@link #plus}
 * returns a new registry. A second tool with a name already taken is rejected, so an MCP or
 * extension tool can never shadow a built-in one.
 */
public final class ToolRegistry {
  private static final ToolRegistry EMPTY = new ToolRegistry(Map.of());

  private final Map<String, Tool> tools;

  private ToolRegistry(Map<String, Tool> tools) {
    this.tools = Collections.unmodifiableMap(tools);
  }

  public static ToolRegistry empty() {
    return EMPTY;
  }

  public static ToolRegistry of(Tool... tools) {
    return EMPTY.plus(Arrays.asList(tools));
  }

  public static ToolRegistry of(List<? extends Tool> tools) {
    return EMPTY.plus(tools);
  }

  /**
   * A registry with {@code more} added after the existing tools.
   *
   * @throws IllegalArgumentException naming a tool whose name is already registered
   */
  public ToolRegistry plus(List<? extends Tool> more) {
    Map<String, Tool> merged = new LinkedHashMap<>(tools);
    for (Tool tool : more) {
      String name = tool.definition().name();
      if (merged.putIfAbsent(name, tool) != null) {
        throw new IllegalArgumentException(
            "tool name '" + name + "' is already registered; tool names must be unique");
      }
    }
    return new ToolRegistry(merged);
  }

  public ToolRegistry plus(Tool... more) {
    return plus(Arrays.asList(more));
  }

  public Optional<Tool> find(String name) {
    return Optional.ofNullable(tools.get(name));
  }

  public List<Tool> tools() {
    return List.copyOf(tools.values());
  }

  public List<String> names() {
    return List.copyOf(tools.keySet());
  }

  public List<ToolDefinition> definitions() {
    List<ToolDefinition> out = new ArrayList<>();
    tools.values().forEach(t -> out.add(t.definition()));
    return List.copyOf(out);
  }

  public boolean isEmpty() {
    return tools.isEmpty();
  }

  @Override
  public String toString() {
    return "ToolRegistry" + names();
  }
}
