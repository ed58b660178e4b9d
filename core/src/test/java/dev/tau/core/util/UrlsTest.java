package dev.tau.core.util;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class UrlsTest {
  @Test
  void userInfoAndQueryNeverShow() {
    assertThat(Urls.redact("postgres://tau:S3CRETPW@db:5432/tau?sslmode=require"))
        .isEqualTo("postgres://***@db:5432/tau?***")
        .doesNotContain("S3CRETPW");
    assertThat(Urls.redact("http://u:sk-SECRET@127.0.0.1:9/v1")).doesNotContain("sk-SECRET");
    assertThat(Urls.redact("https://api.openai.com/v1")).isEqualTo("https://api.openai.com/v1");
  }

  @Test
  void sqliteUrlsKeepTheirPath() {
    assertThat(Urls.redact("sqlite://.tau/sessions.db")).isEqualTo("sqlite://.tau/sessions.db");
    assertThat(Urls.redact("sqlite:/var/tau/s.db")).isEqualTo("sqlite:/var/tau/s.db");
  }

  @Test
  void malformedTextStillLosesSecrets() {
    assertThat(Urls.redact("ftp://us er:pw@ho st/x")).doesNotContain("pw");
    assertThat(Urls.redact((String) null)).isEmpty();
  }

  @Test
  void aPasswordWithSlashQuestionMarkOrHashStillNeverShows() {
    assertThat(Urls.redact("http://u:pa/ss@host/v1")).isEqualTo("http://***@host/v1");
    assertThat(Urls.redact("http://u:12/34@host/v1")).isEqualTo("http://***@host/v1");
    assertThat(Urls.redact("http://u:p?ss@host/v1")).isEqualTo("http://***@host/v1");
    assertThat(Urls.redact("http://u:p#ss@host/v1")).isEqualTo("http://***@host/v1");
    assertThat(Urls.redact("u:sk-SECRET@host/v1")).isEqualTo("***@host/v1");
  }

  @Test
  void aUriKeepsHostPortAndPathAndHidesTheRest() {
    assertThat(Urls.redact(java.net.URI.create("http://u:sk-SECRET@127.0.0.1:9/v1?key=k#f")))
        .isEqualTo("http://***@127.0.0.1:9/v1?***");
  }
}
