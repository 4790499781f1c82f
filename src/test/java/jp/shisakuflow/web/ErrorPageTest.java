package jp.shisakuflow.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import jp.shisakuflow.organization.OrganizationGroup;
import jp.shisakuflow.support.ApiTest;
import jp.shisakuflow.support.BrowserSession;
import jp.shisakuflow.support.TestUsers;
import org.camunda.bpm.engine.IdentityService;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** A browser's failed page request gets a Japanese page with the way back; an API client keeps its JSON. */
@ApiTest
class ErrorPageTest {

  @Autowired IdentityService identityService;
  @LocalServerPort int port;

  @Test
  void staffOpeningCockpitGetAJapanesePageNotWhitelabel() {
    TestUsers.ensure(identityService, "takatsu", OrganizationGroup.WARD_TAKATSU);
    var browser = new BrowserSession(port);
    browser.login("takatsu", TestUsers.PASSWORD);

    var cockpit = browser.get("/camunda/app/cockpit/default/");
    assertThat(cockpit.statusCode()).isEqualTo(403);
    assertThat(cockpit.headers().firstValue("Content-Type").orElse("")).startsWith("text/html");
    assertThat(cockpit.body()).contains("この画面を開く権限がありません", "href=\"/camunda/app/tasklist/\"", "lang=\"ja\"")
        .doesNotContain("Whitelabel", "Forbidden", "There was an unexpected error");

    var missing = browser.get("/camunda/app/tasklist/default/no-such-page.html");
    assertThat(missing.statusCode()).isEqualTo(404);
    assertThat(missing.body()).contains("ページが見つかりません", "タスク一覧に戻る").doesNotContain("Whitelabel", "Not Found");

    var page = browser.get("/no-such-page");
    assertThat(page.statusCode()).isEqualTo(404);
    assertThat(page.body()).contains("ページが見つかりません");
  }

  @Test
  void theApiKeepsItsProblemDetails() throws Exception {
    TestUsers.ensure(identityService, "takatsu", OrganizationGroup.WARD_TAKATSU);
    var response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://localhost:" + port
        + "/api/no-such-thing")).header("Accept", "application/json").header("Authorization", "Basic "
        + java.util.Base64.getEncoder().encodeToString(("takatsu:" + TestUsers.PASSWORD).getBytes())).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).isEqualTo(404);
    assertThat(response.headers().firstValue("Content-Type").orElse("")).contains("json");
    assertThat(new ObjectMapper().readTree(response.body()).path("status").asInt()).isEqualTo(404);
  }
}
