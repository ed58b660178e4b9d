package dev.tau.agent.tools;

import java.util.Optional;
import tools.jackson.databind.JsonNode;

/** Reads tool arguments, failing with {@code INVALID_ARGUMENTS} that names the field. */
final class Args {
  private Args() {}

  static String string(JsonNode args, String field) {
    return optionalString(args, field)
        .orElseThrow(() -> ToolFailure.invalid(field, "is required (a string)"));
  }

  static Optional<String> optionalString(JsonNode args, String field) {
    JsonNode value = args.get(field);
    if (value == null || value.isNull()) {
      return Optional.empty();
    }
    if (!value.isString()) {
      throw ToolFailure.invalid(field, "must be a string");
    }
    return Optional.of(value.asString());
  }

  static long integer(JsonNode args, String field, long fallback, long min, long max) {
    JsonNode value = args.get(field);
    if (value == null || value.isNull()) {
      return fallback;
    }
    if (!value.isIntegralNumber() || !value.canConvertToLong()) {
      throw ToolFailure.invalid(field, "must be an integer");
    }
    long n = value.asLong();
    if (n < min || n > max) {
      throw ToolFailure.invalid(field, "must be between " + min + " and " + max + ", got " + n);
    }
    return n;
  }

  static boolean bool(JsonNode args, String field, boolean fallback) {
    JsonNode value = args.get(field);
    if (value == null || value.isNull()) {
      return fallback;
    }
    if (!value.isBoolean()) {
      throw ToolFailure.invalid(field, "must be true or false");
    }
    return value.asBoolean();
  }
}
