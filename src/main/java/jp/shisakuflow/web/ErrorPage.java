package jp.shisakuflow.web;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.MediaType;
import org.springframework.web.servlet.View;
import org.springframework.web.util.HtmlUtils;

/**
 * The page a browser gets instead of Spring's Whitelabel page when a page request fails: 403 (a webapp or page
 * the role may not open, e.g. Cockpit for ward staff), 404 and any other error, in Japanese, with the way back.
 * It is the view Spring Boot's error controller renders for HTML requests (the bean named {@code error}); API
 * clients keep their JSON (the app's problem details, the engine's own errors).
 */
@Configuration
public class ErrorPage {

  /** What a page says for a status: its title and what the person can do. */
  record Text(String title, String detail) {}

  static final Text FORBIDDEN = new Text("この画面を開く権限がありません",
      "あなたの役割では、このページや操作は使えません。必要な場合は、システム管理者に連絡してください。");
  static final Text NOT_FOUND = new Text("ページが見つかりません",
      "URLが正しいか確認してください。ブックマークやリンクが古くなっている可能性があります。");
  static final Text FAILURE = new Text("エラーが発生しました",
      "処理を完了できませんでした。時間をおいてやり直してください。続く場合は、システム管理者に連絡してください。");

  static final String PAGE = """
      <!DOCTYPE html>
      <html lang="ja">
      <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>%1$s | 施策フロー</title>
        <link rel="stylesheet" href="/login.css">
      </head>
      <body>
        <main class="login shisaku-error-page" data-status="%2$d">
          <h1>施策フロー</h1>
          <p class="subtitle">エラー %2$d</p>
          <h2>%1$s</h2>
          <p>%3$s</p>
          <p><a href="/camunda/app/tasklist/">タスク一覧に戻る</a></p>
          <p><a href="/camunda/app/welcome/">ホーム（利用できるアプリの一覧）</a></p>
        </main>
      </body>
      </html>
      """;

  static Text text(int status) {
    return status == 403 || status == 401 ? FORBIDDEN : status == 404 ? NOT_FOUND : FAILURE;
  }

  /** Replaces the Whitelabel view (Spring Boot backs off when a bean named {@code error} exists). */
  @Bean(name = "error")
  View error() {
    return new View() {
      @Override
      public String getContentType() {
        return MediaType.TEXT_HTML_VALUE + ";charset=UTF-8";
      }

      @Override
      public void render(Map<String, ?> model, HttpServletRequest request, HttpServletResponse response)
          throws Exception {
        if (response.isCommitted()) {
          return;
        }
        int status = model.get("status") instanceof Integer code ? code
            : request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE) instanceof Integer code ? code : 500;
        Text text = text(status);
        response.setContentType(getContentType());
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.getWriter().write(PAGE.formatted(HtmlUtils.htmlEscape(text.title()), status,
            HtmlUtils.htmlEscape(text.detail())));
      }
    };
  }
}
