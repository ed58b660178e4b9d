package dev.tau.gates.cli;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The gates' command lines: {@code --name value} or {@code --name=value} pairs plus {@code --help}.
 * Each gate has a handful of options, so this is all the parsing they need.
 */
public final class GateArgs {
  private GateArgs() {}

  /**
   * Parses {@code args}.
   *
   * @param known the options that take a value
   * @return option to value; {@code --help} maps to {@code ""}
   * @throws IllegalArgumentException naming an unknown option, a missing value or a repeated option
   */
  public static Map<String, String> parse(String[] args, Set<String> known) {
    Map<String, String> options = new LinkedHashMap<>();
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      if (arg.equals("--help") || arg.equals("-h")) {
        options.put("--help", "");
        continue;
      }
      String name = arg;
      String value = null;
      int eq = arg.indexOf('=');
      if (arg.startsWith("--") && eq > 0) {
        name = arg.substring(0, eq);
        value = arg.substring(eq + 1);
      }
      if (!known.contains(name)) {
        throw new IllegalArgumentException("unknown option '" + name + "'");
      }
      if (value == null) {
        if (i + 1 >= args.length) {
          throw new IllegalArgumentException(name + " needs a value");
        }
        value = args[++i];
      }
      if (options.put(name, value) != null) {
        throw new IllegalArgumentException(name + " is given twice");
      }
    }
    return options;
  }

  /**
   * A number option.
   *
   * @throws IllegalArgumentException when it is not a number or outside {@code [min, max]}
   */
  public static double number(
      Map<String, String> options, String name, double fallback, double min, double max) {
    String text = options.get(name);
    if (text == null) {
      return fallback;
    }
    double value;
    try {
      value = Double.parseDouble(text);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(name + " must be a number, got '" + text + "'", e);
    }
    if (!(value >= min && value <= max)) {
      throw new IllegalArgumentException(
          name + " must be between " + plain(min) + " and " + plain(max) + ", got " + text);
    }
    return value;
  }

  private static String plain(double value) {
    return value == Math.rint(value) ? Long.toString((long) value) : Double.toString(value);
  }
}
