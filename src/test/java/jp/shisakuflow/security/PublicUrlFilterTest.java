package jp.shisakuflow.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.servlet.http.HttpServletRequest;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.mock.env.MockEnvironment;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

/** The public URL: what a request reports once it is set, and which values are refused at start-up. */
class PublicUrlFilterTest {

  @Test
  void aRequestReportsThePublicUrlWhateverItsHostHeaderSaid() throws Exception {
    HttpServletRequest seen = through("https://shisaku.city.example", "evil.example");
    assertThat(seen.getScheme()).isEqualTo("https");
    assertThat(seen.getServerName()).isEqualTo("shisaku.city.example");
    assertThat(seen.getServerPort()).isEqualTo(443);
    assertThat(seen.isSecure()).isTrue();
    assertThat(seen.getHeader("Host")).isEqualTo("shisaku.city.example");
    assertThat(seen.getRequestURL()).hasToString("https://shisaku.city.example/camunda/app/tasklist/default/");
  }

  @Test
  void aPortOtherThanTheSchemesDefaultIsKept() throws Exception {
    HttpServletRequest seen = through("http://intra.city.example:8443", "evil.example");
    assertThat(seen.getServerPort()).isEqualTo(8443);
    assertThat(seen.isSecure()).isFalse();
    assertThat(seen.getRequestURL()).hasToString("http://intra.city.example:8443/camunda/app/tasklist/default/");
  }

  @Test
  void withoutAPublicUrlTheRequestIsLeftAsItIs() throws Exception {
    HttpServletRequest seen = through("", "dev.example");
    assertThat(seen.getServerName()).isEqualTo("dev.example");
  }

  @ParameterizedTest
  @ValueSource(strings = {"shisaku.city.example", "ftp://shisaku.city.example", "https://shisaku.city.example/app",
      "https://user@shisaku.city.example", "https://shisaku.city.example?x=1"})
  void anythingButSchemeHostAndPortIsRefused(String value) {
    assertThatThrownBy(() -> PublicUrlFilter.parse(value)).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("shisaku.public-url");
  }

  private static HttpServletRequest through(String publicUrl, String host) throws Exception {
    var filter = new PublicUrlFilter(new MockEnvironment().withProperty(PublicUrlFilter.PROPERTY, publicUrl));
    var request = new MockHttpServletRequest("GET", "/camunda/app/tasklist/default/");
    request.setServerName(host);
    request.addHeader("Host", host);
    AtomicReference<HttpServletRequest> seen = new AtomicReference<>();
    filter.doFilter(request, new MockHttpServletResponse(),
        (req, res) -> seen.set((HttpServletRequest) req));
    return seen.get();
  }
}
