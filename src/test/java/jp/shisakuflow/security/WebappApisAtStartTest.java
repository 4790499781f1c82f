package jp.shisakuflow.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import jp.shisakuflow.support.ApiTest;
import org.apache.catalina.Container;
import org.apache.catalina.Wrapper;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.web.embedded.tomcat.TomcatWebServer;
import org.springframework.boot.web.servlet.context.ServletWebServerApplicationContext;

/**
 * When the application is ready, the webapps' API servlets are started (run alone, no request has reached them
 * before this test).
 */
@ApiTest
class WebappApisAtStartTest {

  @Autowired
  ServletWebServerApplicationContext context;

  @Test
  void theWebappApisAreStartedWhenTheApplicationIsReady() {
    List<String> started = new ArrayList<>();
    for (Container webapp : ((TomcatWebServer) context.getWebServer()).getTomcat().getHost().findChildren()) {
      for (String name : WebappApisAtStart.SERVLETS) {
        if (webapp.findChild(name) instanceof Wrapper servlet && servlet.getServlet() != null) {
          started.add(name);
        }
      }
    }
    assertThat(started).containsExactlyInAnyOrderElementsOf(WebappApisAtStart.SERVLETS);
  }
}
