package dev.tau.channels.media;

import dev.tau.channels.http.CappedBody;
import dev.tau.core.json.Json;
import dev.tau.core.util.Urls;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Objects;
import java.util.UUID;
import tools.jackson.databind.JsonNode;

/**
 * An OpenAI-compatible transcription endpoint: {@code POST {base}/audio/transcriptions}, multipart
 * with {@code file}, {@code model} and {@code response_format=json}, answered with {@code {"text":
 * …}} (OpenAI, Groq, a local whisper server). The API key goes only into the {@code Authorization}
 * header and never into a message.
 */
public final class OpenAiTranscriber implements AudioTranscriber {
  /** Settings; {@code apiKey} may be empty for a local server that wants none. */
  public record Settings(URI baseUrl, String model, String apiKey, Duration timeout) {
    public Settings {
      Objects.requireNonNull(baseUrl, "baseUrl");
      Objects.requireNonNull(model, "model");
      Objects.requireNonNull(apiKey, "apiKey");
      Objects.requireNonNull(timeout, "timeout");
      String scheme = baseUrl.getScheme() == null ? "" : baseUrl.getScheme();
      if (!(scheme.equals("https") || scheme.equals("http")) || baseUrl.getHost() == null) {
        throw new IllegalArgumentException(
            "multi-channel-media-transcription-base-url must be an http(s) URL with a host, got "
                + Urls.redact(baseUrl));
      }
      if (model.isBlank()) {
        throw new IllegalArgumentException("multi-channel-media-transcription-model is empty");
      }
    }

    @Override
    public String toString() {
      return "Settings[baseUrl="
          + Urls.redact(baseUrl)
          + ", model="
          + model
          + ", apiKey="
          + (apiKey.isEmpty() ? "(none)" : "(set)")
          + ", timeout="
          + timeout
          + "]";
    }
  }

  private final Settings settings;
  private final HttpClient client;

  public OpenAiTranscriber(Settings settings) {
    this.settings = Objects.requireNonNull(settings, "settings");
    this.client =
        HttpClient.newBuilder()
            .connectTimeout(settings.timeout())
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
  }

  /** Shows the endpoint and model, the key only as set or not. */
  @Override
  public String toString() {
    return "OpenAiTranscriber" + settings;
  }

  @Override
  public String transcribe(byte[] audio, String fileName, String contentType) {
    String boundary = "tau-" + UUID.randomUUID();
    byte[] body = multipart(boundary, audio, fileName, contentType);
    String base = settings.baseUrl().toString().replaceAll("/+$", "");
    URI endpoint = URI.create(base + "/audio/transcriptions");
    HttpRequest.Builder request =
        HttpRequest.newBuilder(endpoint)
            .timeout(settings.timeout())
            .header("Content-Type", "multipart/form-data; boundary=" + boundary)
            .header("Accept", "application/json")
            .POST(HttpRequest.BodyPublishers.ofByteArray(body));
    if (!settings.apiKey().isEmpty()) {
      request.header("Authorization", "Bearer " + settings.apiKey());
    }
    HttpResponse<String> response;
    try {
      response = client.send(request.build(), CappedBody.utf8(1024 * 1024));
    } catch (HttpTimeoutException e) {
      throw new MediaException(
          "transcription request to " + Urls.redact(endpoint) + " timed out", true);
    } catch (IOException e) {
      throw new MediaException(
          "transcription request to " + Urls.redact(endpoint) + " failed: no answer", true);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new MediaException("transcription request was interrupted", true);
    }
    int status = response.statusCode();
    JsonNode json;
    try {
      json = Json.parse(response.body());
    } catch (RuntimeException e) {
      json = null;
    }
    if (status < 200 || status >= 300) {
      String message = json == null ? "" : Json.text(json.path("error"), "message", "");
      throw new MediaException(
          "transcription failed: HTTP "
              + status
              + (message.isBlank() ? "" : ": " + scrub(message))
              + " ("
              + Urls.redact(endpoint)
              + ")",
          status == 408 || status == 429 || status >= 500);
    }
    if (json == null || !json.path("text").isString()) {
      throw new MediaException(
          "transcription answer from " + Urls.redact(endpoint) + " has no \"text\" field", false);
    }
    return json.path("text").asString();
  }

  private String scrub(String message) {
    String key = settings.apiKey();
    String cut = message.length() > 300 ? message.substring(0, 300) + "..." : message;
    return key.isEmpty() ? cut : cut.replace(key, "***");
  }

  private byte[] multipart(String boundary, byte[] audio, String fileName, String contentType) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(audio.length + 512);
    field(out, boundary, "model", settings.model());
    field(out, boundary, "response_format", "json");
    String safeName = fileName.replaceAll("[\"\\r\\n\\\\]", "_");
    write(
        out,
        "--"
            + boundary
            + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\""
            + safeName
            + "\"\r\nContent-Type: "
            + (contentType.isBlank() ? "application/octet-stream" : contentType)
            + "\r\n\r\n");
    out.write(audio, 0, audio.length);
    write(out, "\r\n--" + boundary + "--\r\n");
    return out.toByteArray();
  }

  private static void field(ByteArrayOutputStream out, String boundary, String name, String value) {
    write(
        out,
        "--"
            + boundary
            + "\r\nContent-Disposition: form-data; name=\""
            + name
            + "\"\r\n\r\n"
            + value
            + "\r\n");
  }

  private static void write(ByteArrayOutputStream out, String text) {
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    out.write(bytes, 0, bytes.length);
  }
}
