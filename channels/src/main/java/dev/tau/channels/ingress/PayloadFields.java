package dev.tau.channels.ingress;

import dev.tau.channels.Attachment;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * The value coercion every adapter's wire reader shares (tau-spec §5.3): string fields accept
 * strings (trimmed) or numbers (decimal text); integer fields accept numbers or numeric strings;
 * required strings must be non-blank and required integers greater than 0.
 */
public final class PayloadFields {
  private PayloadFields() {}

  /** The object at {@code key}, or a {@code missing_field} / {@code invalid_field_type} failure. */
  public static JsonNode requiredObject(JsonNode parent, String key, String label) {
    JsonNode value = parent.get(key);
    if (value == null || value.isNull()) {
      throw new NormalizationException(IngressReason.MISSING_FIELD, label + " is required");
    }
    if (!value.isObject()) {
      throw new NormalizationException(
          IngressReason.INVALID_FIELD_TYPE, label + " must be an object");
    }
    return value;
  }

  /** The object at {@code key} if present and an object. */
  public static Optional<JsonNode> optionalObject(JsonNode parent, String key) {
    JsonNode value = parent.get(key);
    return value != null && value.isObject() ? Optional.of(value) : Optional.empty();
  }

  public static JsonNode requiredArray(JsonNode parent, String key, String label) {
    JsonNode value = parent.get(key);
    if (value == null || value.isNull()) {
      throw new NormalizationException(IngressReason.MISSING_FIELD, label + " is required");
    }
    if (!value.isArray()) {
      throw new NormalizationException(
          IngressReason.INVALID_FIELD_TYPE, label + " must be an array");
    }
    return value;
  }

  /** A string or number field as trimmed text; empty when absent or of another type. */
  public static Optional<String> optionalString(JsonNode parent, String key) {
    return stringValue(parent == null ? null : parent.get(key));
  }

  static Optional<String> stringValue(JsonNode value) {
    if (value == null) {
      return Optional.empty();
    }
    if (value.isString()) {
      return Optional.of(value.asString().strip());
    }
    if (value.isNumber()) {
      return Optional.of(
          value.isIntegralNumber() ? value.bigIntegerValue().toString() : value.asString());
    }
    return Optional.empty();
  }

  /** A required non-blank string; failures carry {@code reason}. */
  public static String requiredString(
      JsonNode parent, String key, IngressReason reason, String label) {
    return requiredStringValue(parent.get(key), reason, label);
  }

  static String requiredStringValue(JsonNode value, IngressReason reason, String label) {
    String text =
        stringValue(value)
            .orElseThrow(() -> new NormalizationException(reason, label + " is required"));
    if (text.isEmpty()) {
      throw new NormalizationException(reason, label + " cannot be empty");
    }
    return text;
  }

  /** A non-negative integer from a number or numeric string. */
  public static Optional<Long> optionalInteger(JsonNode value) {
    if (value == null) {
      return Optional.empty();
    }
    if (value.isIntegralNumber() && value.canConvertToLong() && value.asLong() >= 0) {
      return Optional.of(value.asLong());
    }
    if (value.isString()) {
      String text = value.asString().strip();
      if (!text.isEmpty()
          && text.chars().allMatch(c -> c >= '0' && c <= '9')
          && text.length() < 19) {
        return Optional.of(Long.parseLong(text));
      }
    }
    return Optional.empty();
  }

  /** A required integer greater than 0; failures carry {@code reason}. */
  public static long requiredPositive(
      JsonNode parent, String key, IngressReason reason, String label) {
    long value =
        optionalInteger(parent.get(key))
            .orElseThrow(() -> new NormalizationException(reason, label + " is required"));
    if (value == 0) {
      throw new NormalizationException(reason, label + " must be greater than 0");
    }
    return value;
  }

  /**
   * Fails with {@code empty_content} when the normalised text is blank and there is no attachment;
   * mappers call it after reading every field, before building the event.
   */
  public static void requireContent(String text, List<Attachment> attachments) {
    if (text.isBlank() && attachments.isEmpty()) {
      throw new NormalizationException(
          IngressReason.EMPTY_CONTENT,
          "normalized event must include non-empty text or at least one attachment");
    }
  }

  /** Seconds to milliseconds, saturating instead of overflowing. */
  public static long secondsToMillis(long seconds) {
    return seconds > Long.MAX_VALUE / 1000 ? Long.MAX_VALUE : seconds * 1000;
  }

  /**
   * The attachment list at {@code key} (absent → empty): id from {@code attachment_id} or {@code
   * id}, required {@code url}, optional {@code content_type}, {@code file_name} or {@code name},
   * {@code size_bytes}.
   */
  public static List<Attachment> attachments(JsonNode parent, String key) {
    JsonNode rows = parent.get(key);
    if (rows == null || rows.isNull()) {
      return List.of();
    }
    if (!rows.isArray()) {
      throw new NormalizationException(
          IngressReason.INVALID_FIELD_TYPE, "attachments must be an array");
    }
    List<Attachment> out = new ArrayList<>(rows.size());
    for (int i = 0; i < rows.size(); i++) {
      JsonNode row = rows.get(i);
      if (!row.isObject()) {
        throw new NormalizationException(
            IngressReason.INVALID_FIELD_TYPE, "attachments[" + i + "] must be an object");
      }
      JsonNode id = row.get("attachment_id") != null ? row.get("attachment_id") : row.get("id");
      JsonNode fileName = row.get("file_name") != null ? row.get("file_name") : row.get("name");
      out.add(
          new Attachment(
              requiredStringValue(
                  id, IngressReason.MISSING_FIELD, "attachments[" + i + "].attachment_id"),
              requiredStringValue(
                  row.get("url"), IngressReason.MISSING_FIELD, "attachments[" + i + "].url"),
              stringValue(row.get("content_type")).orElse(""),
              stringValue(fileName).orElse(""),
              optionalInteger(row.get("size_bytes")).orElse(0L)));
    }
    return out;
  }
}
