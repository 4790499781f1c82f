package jp.shisakuflow.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import jp.shisakuflow.organization.OrganizationGroup;
import jp.shisakuflow.support.ApiTest;
import jp.shisakuflow.support.BrowserSession;
import jp.shisakuflow.support.TestUsers;
import org.camunda.bpm.engine.IdentityService;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * A webapp's page carries the script nonce of its own Content-Security-Policy header, however many pages and
 * API calls are served at the same time. (Camunda keeps the nonce in one application-wide attribute between
 * writing the header and writing the page, so a request in between gave a page another request's nonce: the
 * browser then refused runtime.js and deps.js, and the webapp stayed blank.)
 */
@ApiTest
class WebappNonceTest {

  static final Pattern HEADER_NONCE = Pattern.compile("'nonce-([^']+)'");
  static final Pattern PAGE_NONCE = Pattern.compile("nonce=\"([^\"]*)\"");
  static final String[] PAGES = {"tasklist", "cockpit", "admin", "welcome"};

  @Autowired IdentityService identityService;
  @LocalServerPort int port;

  @Test
  void everyPageCarriesTheNonceOfItsOwnHeaderUnderConcurrentLoad() throws Exception {
    TestUsers.ensure(identityService, "adminnonce", OrganizationGroup.ADMINISTRATORS);
    int threads = 8;
    int pagesPerThread = 60;
    List<BrowserSession> sessions = new ArrayList<>();
    for (int i = 0; i < threads; i++) {
      BrowserSession session = new BrowserSession(port);
      assertThat(session.login("adminnonce", TestUsers.PASSWORD).statusCode()).isEqualTo(302);
      sessions.add(session);
    }
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<List<String>>> results = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        BrowserSession session = sessions.get(t);
        int offset = t;
        results.add(pool.submit(() -> {
          List<String> mismatches = new ArrayList<>();
          for (int i = 0; i < pagesPerThread; i++) {
            String app = PAGES[(i + offset) % PAGES.length];
            HttpResponse<String> page = session.get("/camunda/app/" + app + "/default/");
            // An API call and an asset in between, as a loading webapp makes them.
            session.get("/camunda/api/admin/auth/user/default");
            session.get("/camunda/app/" + app + "/scripts/config.js");
            String problem = mismatch(app, page);
            if (problem != null) {
              mismatches.add(problem);
            }
          }
          return mismatches;
        }));
      }
      List<String> mismatches = new ArrayList<>();
      for (Future<List<String>> result : results) {
        mismatches.addAll(result.get());
      }
      assertThat(mismatches).as("pages whose nonce is not their header's, of %d", threads * pagesPerThread).isEmpty();
    } finally {
      pool.shutdownNow();
    }
  }

  /** Null when the page's every nonce is its header's; else what differs. */
  static String mismatch(String app, HttpResponse<String> page) {
    if (page.statusCode() != 200) {
      return app + ": HTTP " + page.statusCode();
    }
    // Never a 304 with a body kept from an earlier answer, whose nonce another header would not allow.
    String cache = page.headers().firstValue("Cache-Control").orElse("");
    if (!cache.contains("no-cache") && !cache.contains("no-store") || page.headers().firstValue("ETag").isPresent()
        || page.headers().firstValue("Last-Modified").isPresent()) {
      return app + ": cacheable page (Cache-Control: " + cache + ", " + page.headers().map() + ")";
    }
    String csp = page.headers().firstValue("Content-Security-Policy").orElse("");
    Matcher header = HEADER_NONCE.matcher(csp);
    if (!header.find()) {
      return app + ": no nonce in the header " + csp;
    }
    Matcher body = PAGE_NONCE.matcher(page.body());
    int scripts = 0;
    while (body.find()) {
      scripts++;
      if (!body.group(1).equals(header.group(1))) {
        return app + ": page nonce " + body.group(1) + " but header nonce " + header.group(1);
      }
    }
    return scripts == 0 ? app + ": no script nonce on the page" : null;
  }
}
