package dev.tau.llm.http;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class VendorErrorsTest {
  @Test
  void readsEachVendorsErrorShape() {
    assertThat(
            VendorErrors.message(
                "{\"error\":{\"message\":\"Bad model\",\"type\":\"invalid_request_error\"}}"))
        .isEqualTo("Bad model (invalid_request_error)");
    assertThat(
            VendorErrors.message(
                "{\"type\":\"error\",\"error\":{\"type\":\"overloaded_error\",\"message\":\"Overloaded\"}}"))
        .isEqualTo("Overloaded (overloaded_error)");
    assertThat(
            VendorErrors.message(
                "[{\"error\":{\"code\":400,\"message\":\"API key not valid\",\"status\":\"INVALID_ARGUMENT\"}}]"))
        .isEqualTo("API key not valid (INVALID_ARGUMENT)");
    assertThat(VendorErrors.message("{\"error\":\"model not found\"}"))
        .isEqualTo("model not found");
    assertThat(VendorErrors.message("{\"message\":\"nope\"}")).isEqualTo("nope");
    assertThat(VendorErrors.message("<html>Bad Gateway</html>"))
        .isEqualTo("<html>Bad Gateway</html>");
    assertThat(VendorErrors.message("")).isEmpty();
  }
}
