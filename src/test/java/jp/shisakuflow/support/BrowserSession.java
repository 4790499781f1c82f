package jp.shisakuflow.support;

import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A browser's view of the app: cookies kept, redirects not followed, logged in through the login page. */
public final class BrowserSession {

  private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

  private final String base;
  private final CookieManager cookies = new CookieManager();
  private final HttpClient client;

  public BrowserSession(int port) {
    this.base = "http://localhost:" + port;
    this.client = HttpClient.newBuilder().cookieHandler(cookies).followRedirects(HttpClient.Redirect.NEVER).build();
  }

  /** Logs in through the form; returns the response (302 to the webapps, or to /login?error|locked). */
  public HttpResponse<String> login(String user, String password) {
    String token = csrfTokenOfLoginPage();
    return post("/login", "application/x-www-form-urlencoded",
        "username=" + enc(user) + "&password=" + enc(password) + "&_csrf=" + enc(token));
  }

  public String csrfTokenOfLoginPage() {
    Matcher matcher = CSRF.matcher(get("/login").body());
    if (!matcher.find()) {
      throw new AssertionError("no CSRF token on the login page");
    }
    return matcher.group(1);
  }

  public HttpResponse<String> get(String path) {
    return send(HttpRequest.newBuilder(URI.create(base + path)).header("Accept", "text/html,*/*;q=0.8").GET().build());
  }

  public HttpResponse<String> post(String path, String contentType, String body, String... headers) {
    return withBody("POST", path, contentType, body, headers);
  }

  public HttpResponse<String> put(String path, String contentType, String body, String... headers) {
    return withBody("PUT", path, contentType, body, headers);
  }

  private HttpResponse<String> withBody(String method, String path, String contentType, String body,
      String... headers) {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
        .header("Content-Type", contentType)
        .method(method, HttpRequest.BodyPublishers.ofString(body));
    for (int i = 0; i + 1 < headers.length; i += 2) {
      request.header(headers[i], headers[i + 1]);
    }
    return send(request.build());
  }

  /** The value of a cookie the app set, e.g. the webapps' XSRF-TOKEN. */
  public String cookie(String name) {
    return cookies.getCookieStore().getCookies().stream().filter(c -> c.getName().equals(name))
        .map(java.net.HttpCookie::getValue).findFirst().orElse(null);
  }

  private HttpResponse<String> send(HttpRequest request) {
    try {
      return client.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static String enc(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }
}
