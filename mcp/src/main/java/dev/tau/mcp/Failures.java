package dev.tau.mcp;

import java.util.concurrent.TimeoutException;

/** Short, safe descriptions of connection failures. */
final class Failures {
  private Failures() {}

  /** The outermost message and, when different, the root cause's; never a stack trace. */
  static String describe(Throwable error) {
    if (error == null) {
      return "unknown error";
    }
    Throwable root = error;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    if (root instanceof TimeoutException) {
      return "no answer in time";
    }
    String top = message(error);
    String bottom = message(root);
    if (root == error || top.contains(bottom)) {
      return top;
    }
    return top + ": " + bottom;
  }

  private static String message(Throwable error) {
    String text = error.getMessage();
    if (text == null || text.isBlank()) {
      return error.getClass().getSimpleName();
    }
    text = text.strip();
    int newline = text.indexOf('\n');
    return newline > 0 ? text.substring(0, newline) : text;
  }
}
