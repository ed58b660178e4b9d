package dev.tau.core.model;

import java.util.Objects;

/** Where the bytes of an image, audio clip or file come from: a URL or inline base64 data. */
public sealed interface MediaSource {

  /** A remote or data URL. */
  record Url(String url) implements MediaSource {
    public Url {
      Objects.requireNonNull(url, "url");
      if (url.isBlank()) {
        throw new IllegalArgumentException("media url must not be blank");
      }
    }
  }

  /** Inline base64-encoded bytes with their MIME type. */
  record Base64(String mimeType, String data) implements MediaSource {
    public Base64 {
      Objects.requireNonNull(mimeType, "mimeType");
      Objects.requireNonNull(data, "data");
      if (!mimeType.contains("/")) {
        throw new IllegalArgumentException(
            "media mime_type must look like type/subtype: " + mimeType);
      }
    }

    /** The source as a {@code data:} URL, which most vendors accept for images. */
    public String dataUrl() {
      return "data:" + mimeType + ";base64," + data;
    }
  }
}
