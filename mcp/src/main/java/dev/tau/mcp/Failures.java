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
    for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof java.net.ConnectException
          || t instanceof java.nio.channels.ClosedChannelException) {
        return "cannot connect to the server (connection refused or closed)";
      }
      if (t
          instanceof
          io.modelcontextprotocol.client.transport.McpHttpClientTransportAuthorizationException) {
        return "the server refused the credentials (HTTP 401 or 403): check auth_bearer_env";
      }
      if (t instanceof java.net.http.HttpConnectTimeoutException) {
        return "cannot connect to the server (connect timed out)";
      }
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
    // wrapped exceptions repeat their cause's class name: "java.lang.RuntimeException: ..."
    while (text.matches("^[a-z][\\w.]*\\.[A-Z]\\w*(Exception|Error): .*")) {
      text = text.substring(text.indexOf(": ") + 2);
    }
    int newline = text.indexOf('\n');
    return newline > 0 ? text.substring(0, newline) : text;
  }
}
