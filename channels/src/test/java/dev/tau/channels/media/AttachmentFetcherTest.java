package dev.tau.channels.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tau.channels.outbound.SsrfGuard;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class AttachmentFetcherTest {
  private static final long HUGE = 256L * 1024 * 1024;
  private final AttachmentServer server;

  AttachmentFetcherTest() throws Exception {
    server = new AttachmentServer(HUGE);
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private static SsrfGuard.HostResolver resolver() {
    return host ->
        switch (host) {
          case "localhost" -> List.of(InetAddress.getLoopbackAddress());
          case "intranet.example" -> List.of(InetAddress.getByName("10.1.2.3"));
          case "sneaky.example" -> List.of(InetAddress.getLoopbackAddress());
          case "metadata.example" -> List.of(InetAddress.getByName("169.254.169.254"));
          case "public.example" -> List.of(InetAddress.getByName("93.184.216.34"));
          default -> {
            if (host.matches("[0-9.]+")) {
              yield List.of(InetAddress.getByName(host));
            }
            throw new UnknownHostException(host);
          }
        };
  }

  private AttachmentFetcher fetcher(long maxBytes, Duration timeout, boolean allowLoopback) {
    return new AttachmentFetcher(new FetchSettings(maxBytes, timeout, allowLoopback), resolver());
  }

  private AttachmentFetcher loopback() {
    return fetcher(64 * 1024, Duration.ofSeconds(10), true);
  }

  @Test
  void downloadsAnImageFromLoopbackWhenAllowedWithItsContentType() {
    AttachmentFetcher.Fetched fetched = loopback().fetch(server.url("/cat.png"));

    assertThat(fetched.bytes()).isEqualTo(AttachmentServer.PNG);
    assertThat(fetched.contentType()).isEqualTo("image/png");
  }

  @Test
  void theSizeCapStopsAStreamedDownloadEarly() throws Exception {
    assertThatThrownBy(() -> loopback().fetch(server.url("/huge.bin")))
        .isInstanceOfSatisfying(
            MediaException.class,
            e -> {
              assertThat(e.sizeLimit()).isTrue();
              assertThat(e.getMessage()).contains("65536-byte limit");
            });
    // the server could only push what socket buffers absorb before the client hung up
    Thread.sleep(200);
    assertThat(server.hugeBytesWritten.get()).isLessThan(HUGE / 4);
  }

  @Test
  void aDeclaredContentLengthOverTheCapIsRefusedBeforeTheBodyIsRead() throws Exception {
    assertThatThrownBy(() -> loopback().fetch(server.url("/huge-declared.bin")))
        .isInstanceOfSatisfying(MediaException.class, e -> assertThat(e.sizeLimit()).isTrue());
    Thread.sleep(200);
    assertThat(server.hugeBytesWritten.get()).isLessThan(HUGE / 4);
  }

  @Test
  void loopbackIsNeverFetchedWithoutTheTestAllowance() {
    AttachmentFetcher strict = fetcher(64 * 1024, Duration.ofSeconds(5), false);

    assertThatThrownBy(() -> strict.fetch(server.url("/cat.png")))
        .isInstanceOfSatisfying(
            MediaException.class,
            e -> {
              assertThat(e.sizeLimit()).isFalse();
              assertThat(e.retryable()).isFalse();
              assertThat(e.getMessage()).contains("attachment url refused (ssrf_blocked_scheme)");
            });
    assertThatThrownBy(() -> strict.fetch("https://sneaky.example:" + server.port() + "/cat.png"))
        .hasMessageContaining("ssrf_blocked_private_network")
        .hasMessageContaining("127.0.0.1");
    assertThat(server.requests).isEmpty();
  }

  @Test
  void privateAndMetadataAddressesStayBlockedEvenWithTheLoopbackAllowance() {
    AttachmentFetcher fetcher = loopback();

    assertThatThrownBy(() -> fetcher.fetch("https://intranet.example/a.png"))
        .hasMessageContaining("ssrf_blocked_private_network");
    assertThatThrownBy(() -> fetcher.fetch("https://metadata.example/latest/meta-data"))
        .hasMessageContaining("ssrf_blocked_metadata_endpoint");
    assertThatThrownBy(() -> fetcher.fetch("https://169.254.169.254/latest/meta-data"))
        .hasMessageContaining("ssrf_blocked_metadata_endpoint");
    assertThatThrownBy(() -> fetcher.fetch("http://public.example/a.png"))
        .hasMessageContaining("ssrf_blocked_scheme");
    assertThatThrownBy(() -> fetcher.fetch("https://unknown.example/a.png"))
        .hasMessageContaining("ssrf_dns_resolution_failed");
  }

  @Test
  void everyRedirectHopPassesTheGuard() {
    server.redirect("/moved.png", "/cat.png");
    server.redirect("/to-metadata.png", "http://169.254.169.254/latest/meta-data");

    assertThat(loopback().fetch(server.url("/moved.png")).bytes()).isEqualTo(AttachmentServer.PNG);
    assertThatThrownBy(() -> loopback().fetch(server.url("/to-metadata.png")))
        .hasMessageContaining("ssrf_blocked");
    assertThat(server.requests).containsExactly("/moved.png", "/cat.png", "/to-metadata.png");
  }

  @Test
  void anHttpErrorAndATimeoutAreFailuresSayingWhetherToRetry() {
    assertThatThrownBy(() -> loopback().fetch(server.url("/missing.png")))
        .isInstanceOfSatisfying(
            MediaException.class,
            e -> {
              assertThat(e.retryable()).isFalse();
              assertThat(e.getMessage()).contains("HTTP 404");
            });
    AttachmentFetcher impatient = fetcher(64 * 1024, Duration.ofMillis(300), true);
    long started = System.nanoTime();
    assertThatThrownBy(() -> impatient.fetch(server.url("/slow.png")))
        .isInstanceOfSatisfying(
            MediaException.class,
            e -> {
              assertThat(e.retryable()).isTrue();
              assertThat(e.getMessage()).contains("timed out after 300 ms");
            });
    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(3));
  }
}
