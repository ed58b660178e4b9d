package dev.tau.channels.http;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodySubscriber;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;
import java.util.function.Supplier;

/**
 * Collects a response body up to {@code max} bytes and cancels the exchange the moment it would
 * pass it (or at once when {@code Content-Length} already says so), so nothing beyond the limit is
 * read from the network, only what the socket already buffered. Every HTTP call the channels make
 * to a platform or a download reads its body through this class.
 */
public final class CappedBody implements BodySubscriber<byte[]> {
  private final long max;
  private final boolean declaredTooLarge;
  private final Supplier<? extends Throwable> tooLarge;
  private final CompletableFuture<byte[]> result = new CompletableFuture<>();
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private Flow.Subscription subscription;

  private CappedBody(long max, boolean declaredTooLarge, Supplier<? extends Throwable> tooLarge) {
    this.max = max;
    this.declaredTooLarge = declaredTooLarge;
    this.tooLarge = tooLarge;
  }

  /**
   * A subscriber for one response: fails with {@code tooLarge}'s exception when the body is longer
   * than {@code max} bytes.
   */
  public static BodySubscriber<byte[]> of(
      HttpResponse.ResponseInfo info, long max, Supplier<? extends Throwable> tooLarge) {
    long declared = info.headers().firstValueAsLong("content-length").orElse(-1);
    return new CappedBody(max, declared > max, tooLarge);
  }

  /**
   * A handler for {@link java.net.http.HttpClient#send}: the body as UTF-8 text, at most {@code
   * max} bytes; a longer one makes {@code send} throw an {@link IOException} caused by {@link
   * TooLargeException} ({@link #isTooLarge(Throwable)}).
   */
  public static HttpResponse.BodyHandler<String> utf8(long max) {
    return info ->
        HttpResponse.BodySubscribers.mapping(
            of(
                info,
                max,
                () -> new TooLargeException("response body is larger than " + max + " bytes")),
            bytes -> new String(bytes, StandardCharsets.UTF_8));
  }

  /** Whether {@code error} or one of its causes is a {@link TooLargeException}. */
  public static boolean isTooLarge(Throwable error) {
    for (Throwable t = error; t != null; t = t.getCause()) {
      if (t instanceof TooLargeException) {
        return true;
      }
    }
    return false;
  }

  /** A body passed its limit. */
  public static final class TooLargeException extends IOException {
    public TooLargeException(String message) {
      super(message);
    }
  }

  @Override
  public void onSubscribe(Flow.Subscription s) {
    subscription = s;
    if (declaredTooLarge) {
      s.cancel();
      result.completeExceptionally(tooLarge.get());
      return;
    }
    s.request(1);
  }

  @Override
  public void onNext(List<ByteBuffer> items) {
    if (result.isDone()) {
      return;
    }
    for (ByteBuffer buffer : items) {
      if (out.size() + (long) buffer.remaining() > max) {
        subscription.cancel();
        result.completeExceptionally(tooLarge.get());
        return;
      }
      byte[] chunk = new byte[buffer.remaining()];
      buffer.get(chunk);
      out.write(chunk, 0, chunk.length);
    }
    subscription.request(1);
  }

  @Override
  public void onError(Throwable error) {
    result.completeExceptionally(error);
  }

  @Override
  public void onComplete() {
    result.complete(out.toByteArray());
  }

  @Override
  public CompletionStage<byte[]> getBody() {
    return result;
  }
}
