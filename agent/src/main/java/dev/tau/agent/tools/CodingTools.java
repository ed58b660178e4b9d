package dev.tau.agent.tools;

import dev.tau.agent.ToolRegistry;

/**
 * The built-in coding tools: {@code read}, {@code write}, {@code edit}, {@code bash}, {@code ls},
 * {@code glob}, {@code grep}. Each resolves paths through the {@link Workspace} of the call's
 * {@link dev.tau.core.tool.ToolContext}, so all of them stay inside the workspace root.
 */
public final class CodingTools {
  private CodingTools() {}

  /** Every coding tool with the default limits. */
  public static ToolRegistry all() {
    return all(CodingToolsConfig.DEFAULTS);
  }

  /** Every coding tool with the given limits. */
  public static ToolRegistry all(CodingToolsConfig config) {
    return ToolRegistry.of(
        new ReadTool(config),
        new WriteTool(config),
        new EditTool(config),
        new BashTool(config),
        new LsTool(config),
        new GlobTool(config),
        new GrepTool(config));
  }

  /**
   * The tools that cannot change anything: {@code read}, {@code ls}, {@code glob}, {@code grep}.
   */
  public static ToolRegistry readOnly(CodingToolsConfig config) {
    return ToolRegistry.of(
        new ReadTool(config), new LsTool(config), new GlobTool(config), new GrepTool(config));
  }
}
