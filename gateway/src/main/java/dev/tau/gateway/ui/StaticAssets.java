package dev.tau.gateway.ui;

import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The webchat and dashboard files, read once from the classpath folder {@code web/}. Only the names
 * in {@link #MANIFEST} exist: a request is answered by looking its name up in a map, never by
 * resolving it against a directory, so no path ({@code ..}, encoded slashes, absolute paths) can
 * reach any other file.
 */
public final class StaticAssets {
  /** Every file served under {@code /web/}, relative to the {@code web/} resource folder. */
  public static final List<String> MANIFEST =
      List.of(
          "webchat.html",
          "dashboard.html",
          "favicon.svg",
          "css/tau.css",
          "js/api.js",
          "js/markdown.js",
          "js/webchat.js",
          "js/dashboard.js");

  /**
   * One file, ready to send.
   *
   * @param name the manifest name
   * @param bytes the content (never modified after loading)
   * @param contentType the {@code Content-Type} header value
   * @param etag a strong validator derived from the content
   */
  public record Asset(String name, byte[] bytes, String contentType, String etag) {
    public Asset {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(bytes, "bytes");
      Objects.requireNonNull(contentType, "contentType");
      Objects.requireNonNull(etag, "etag");
    }
  }

  private final Map<String, Asset> assets;

  private StaticAssets(Map<String, Asset> assets) {
    this.assets = Map.copyOf(assets);
  }

  /**
   * Loads every manifest file.
   *
   * @throws IllegalStateException naming the file when one is missing from the build
   */
  public static StaticAssets load() {
    Map<String, Asset> loaded = new LinkedHashMap<>();
    ClassLoader loader = StaticAssets.class.getClassLoader();
    for (String name : MANIFEST) {
      try (InputStream in = loader.getResourceAsStream("web/" + name)) {
        if (in == null) {
          throw new IllegalStateException(
              "web asset web/" + name + " is missing from the gateway jar; rebuild the gateway");
        }
        byte[] bytes = in.readAllBytes();
        loaded.put(name, new Asset(name, bytes, contentType(name), etag(bytes)));
      } catch (IOException e) {
        throw new IllegalStateException("cannot read web asset web/" + name, e);
      }
    }
    return new StaticAssets(loaded);
  }

  /** The asset with this exact manifest name. */
  public Optional<Asset> find(String name) {
    return Optional.ofNullable(name == null ? null : assets.get(name));
  }

  /** The media type for a file name, by extension (text types in UTF-8). */
  static String contentType(String name) {
    String lower = name.toLowerCase(Locale.ROOT);
    String ext = lower.substring(lower.lastIndexOf('.') + 1);
    return switch (ext) {
      case "html" -> "text/html; charset=utf-8";
      case "css" -> "text/css; charset=utf-8";
      case "js" -> "text/javascript; charset=utf-8";
      case "svg" -> "image/svg+xml";
      case "png" -> "image/png";
      case "json" -> "application/json";
      default -> "application/octet-stream";
    };
  }

  private static String etag(byte[] bytes) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(bytes);
      return "\"" + HexFormat.of().formatHex(digest, 0, 12) + "\"";
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is always available", e);
    }
  }

  /** For diagnostics: the loaded names and sizes. */
  @Override
  public String toString() {
    StringBuilder out = new StringBuilder("StaticAssets[");
    assets
        .values()
        .forEach(a -> out.append(a.name()).append('=').append(a.bytes().length).append(' '));
    return out.toString().strip() + "]";
  }
}
