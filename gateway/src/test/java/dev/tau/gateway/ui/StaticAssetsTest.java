package dev.tau.gateway.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class StaticAssetsTest {
  private static final Path WEB = Path.of("src/main/resources/web");

  @Test
  void theManifestListsExactlyTheFilesInTheWebFolder() throws IOException {
    List<String> files;
    try (Stream<Path> walk = Files.walk(WEB)) {
      files =
          walk.filter(Files::isRegularFile)
              .map(p -> WEB.relativize(p).toString().replace('\\', '/'))
              .sorted()
              .toList();
    }
    assertThat(files).containsExactlyInAnyOrderElementsOf(StaticAssets.MANIFEST);
  }

  @Test
  void everyManifestFileLoadsWithItsContentTypeAndAStableEtag() {
    StaticAssets assets = StaticAssets.load();
    for (String name : StaticAssets.MANIFEST) {
      StaticAssets.Asset asset = assets.find(name).orElseThrow();
      assertThat(asset.bytes()).as(name).isNotEmpty();
      assertThat(asset.etag()).as(name).matches("\"[0-9a-f]{24}\"");
      assertThat(StaticAssets.load().find(name).orElseThrow().etag()).isEqualTo(asset.etag());
    }
    assertThat(assets.find("webchat.html").orElseThrow().contentType())
        .isEqualTo("text/html; charset=utf-8");
    assertThat(assets.find("css/tau.css").orElseThrow().contentType())
        .isEqualTo("text/css; charset=utf-8");
    assertThat(assets.find("js/api.js").orElseThrow().contentType())
        .isEqualTo("text/javascript; charset=utf-8");
    assertThat(assets.find("favicon.svg").orElseThrow().contentType()).isEqualTo("image/svg+xml");
  }

  @Test
  void namesOutsideTheManifestAreNeverFound() {
    StaticAssets assets = StaticAssets.load();
    for (String name :
        List.of(
            "../pom.xml",
            "js/../webchat.html",
            "/webchat.html",
            "web/webchat.html",
            "dev/tau/gateway/GatewayServer.class",
            "js",
            "",
            "JS/API.JS")) {
      assertThat(assets.find(name)).as(name).isEmpty();
    }
    assertThat(assets.find(null)).isEmpty();
  }

  @Test
  void pagesLoadOnlyTheirOwnFilesAndNothingFromOtherOrigins() throws IOException {
    for (String page : List.of("webchat.html", "dashboard.html")) {
      String html = Files.readString(WEB.resolve(page));
      assertThat(html).as(page).doesNotContain("http://", "https://", "<script>", "style=\"");
      assertThat(html).as(page).doesNotContainPattern("\\son[a-z]+=");
    }
  }
}
