package dev.tau.gateway.http;

import io.helidon.http.Method;
import java.util.Objects;

/**
 * One registered route.
 *
 * @param method the HTTP method
 * @param path the Helidon path pattern, for example {@code /v1/responses/{id}}
 * @param access who may call it
 * @param mutating whether it changes state (never {@link Access#PUBLIC})
 */
public record Route(Method method, String path, Access access, boolean mutating) {
  public Route {
    Objects.requireNonNull(method, "method");
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(access, "access");
    if (mutating && access == Access.PUBLIC) {
      throw new IllegalArgumentException(
          "mutating route " + method.text() + " " + path + " cannot be public");
    }
  }

  /** A concrete request path for this route, with {@code {param}} segments filled in. */
  public String samplePath() {
    return path.replaceAll("\\{[^}]+}", "sample");
  }
}
