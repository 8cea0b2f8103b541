package io.latentwire.streams.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class HttpRegistryConfigTest {

  @Test
  void shouldSplitCommaSeparatedUrlsAndDropTrailingSlashes() {
    HttpRegistryConfig config = HttpRegistryConfig.of(" http://a:8081/ , https://b.example/sr/ ");

    assertThat(config.baseUrls())
        .containsExactly(URI.create("http://a:8081"), URI.create("https://b.example/sr"));
    assertThat(config.basicAuth()).isEmpty();
  }

  @Test
  void shouldMoveUserInfoOutOfTheUrlsSoItNeverShowsInErrors() {
    HttpRegistryConfig config = HttpRegistryConfig.of("http://fred:s%3Acret@a:8081");

    assertThat(config.baseUrls()).containsExactly(URI.create("http://a:8081"));
    assertThat(config.basicAuthUserInfo()).isEqualTo("fred:s:cret");
    assertThat(config.toString()).doesNotContain("cret");
  }

  @Test
  void shouldRefuseUrlsThatAreNotHttpNamingTheSetting() {
    assertThatThrownBy(() -> HttpRegistryConfig.of("ftp://a:21"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("schema.registry.url")
        .hasMessageContaining("'ftp://a:21'")
        .hasMessageContaining("http:// or https://");
    assertThatThrownBy(() -> HttpRegistryConfig.of(" , "))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("at least one URL");
  }

  @Test
  void shouldRefuseDifferentCredentialsOnDifferentUrls() {
    assertThatThrownBy(() -> HttpRegistryConfig.of("http://a:x@h1,http://b:y@h2"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("different credentials");
  }

  @Test
  void shouldRedactCredentialsInUrlErrors() {
    assertThatThrownBy(() -> HttpRegistryConfig.of("ftp://joe:secret@h"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageNotContaining("secret");
  }

  @Test
  void shouldValidateTimeoutsCapacityAndUserInfo() {
    HttpRegistryConfig config = HttpRegistryConfig.of("http://a");

    assertThatThrownBy(() -> config.withRequestTimeout(Duration.ZERO))
        .hasMessageContaining("requestTimeout");
    assertThatThrownBy(() -> config.withCacheCapacity(0)).hasMessageContaining("cacheCapacity");
    assertThatThrownBy(() -> config.withBasicAuth("nocolon"))
        .hasMessageContaining("basic.auth.user.info");
    assertThat(config.withConnectTimeout(Duration.ofMillis(200)).connectTimeout())
        .isEqualTo(Duration.ofMillis(200));
  }
}
