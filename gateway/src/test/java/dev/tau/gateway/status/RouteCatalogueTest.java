package dev.tau.gateway.status;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tau.gateway.http.Access;
import dev.tau.gateway.http.Route;
import io.helidon.http.Method;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class RouteCatalogueTest {
  @Test
  void onlyRegisteredRoutesAreAdvertisedWithTheirRealPaths() {
    List<Route> routes =
        List.of(
            new Route(Method.GET, "/gateway/status", Access.PROTECTED, false),
            new Route(Method.POST, "/cortex/chat", Access.PROTECTED, true),
            new Route(Method.GET, "/gateway/sessions/{key}", Access.PROTECTED, false),
            new Route(Method.GET, "/healthz", Access.PUBLIC, false));
    JsonNode c = RouteCatalogue.build(routes, "/srv/.tau/gateway", "openai/gpt-4o-mini");
    assertThat(c.path("status_endpoint").asString()).isEqualTo("/gateway/status");
    assertThat(c.path("health_endpoint").asString()).isEqualTo("/healthz");
    assertThat(c.path("web_ui").path("cortex_chat_endpoint").asString()).isEqualTo("/cortex/chat");
    assertThat(c.path("web_ui").path("session_detail_endpoint").asString())
        .isEqualTo("/gateway/sessions/{key}");
    assertThat(c.has("ws_endpoint")).isFalse();
    assertThat(c.has("responses_endpoint")).isFalse();
    assertThat(c.has("openai_compat")).isFalse();
    assertThat(c.path("web_ui").has("cortex_status_endpoint")).isFalse();
    assertThat(c.path("routes").size()).isEqualTo(4);
    assertThat(c.path("routes").get(1).toString())
        .isEqualTo("{\"method\":\"POST\",\"path\":\"/cortex/chat\",\"access\":\"protected\"}");
    assertThat(c.path("state_dir").asString()).isEqualTo("/srv/.tau/gateway");
    assertThat(c.path("model").asString()).isEqualTo("openai/gpt-4o-mini");
  }
}
