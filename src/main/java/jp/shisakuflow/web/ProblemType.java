package jp.shisakuflow.web;

import java.net.URI;

/** The kinds of error the app's API answers, each with its stable type URI and short Japanese title. */
public enum ProblemType {

  BAD_PARAMETER("bad-parameter", "パラメータが正しくありません"),
  INVALID_REQUEST("invalid-request", "リクエストの内容が正しくありません"),
  INVALID_PLAN("invalid-plan", "計画ファイルに誤りがあります"),
  UNREADABLE_BODY("unreadable-body", "リクエスト本文を読めません"),
  REQUEST_REFUSED("request-refused", "リクエストを受け付けられません"),
  UNAUTHORIZED("unauthorized", "ログインが必要です"),
  FORBIDDEN("forbidden", "権限がありません"),
  NOT_FOUND("not-found", "見つかりません"),
  METHOD_NOT_ALLOWED("method-not-allowed", "このメソッドは使えません"),
  NOT_ACCEPTABLE("not-acceptable", "要求された形式では返せません"),
  CONFLICT("conflict", "他の操作と競合しました"),
  REQUEST_TOO_LARGE("request-too-large", "リクエストが大きすぎます"),
  UNSUPPORTED_MEDIA_TYPE("unsupported-media-type", "対応していない形式です"),
  SERVER_ERROR("server-error", "サーバーで問題が発生しました"),
  DATABASE_UNAVAILABLE("database-unavailable", "一時的に利用できません");

  public static final String PREFIX = "urn:shisaku:problem:";

  private final String name;
  private final String title;

  ProblemType(String name, String title) {
    this.name = name;
    this.title = title;
  }

  public URI uri() {
    return URI.create(PREFIX + name);
  }

  public String title() {
    return title;
  }

  /** The kind a status stands for when nothing more is known (a 503 is not taken for a lost database). */
  public static ProblemType forStatus(int status) {
    return switch (status) {
      case 401 -> UNAUTHORIZED;
      case 403 -> FORBIDDEN;
      case 404 -> NOT_FOUND;
      case 405 -> METHOD_NOT_ALLOWED;
      case 406 -> NOT_ACCEPTABLE;
      case 409 -> CONFLICT;
      case 413 -> REQUEST_TOO_LARGE;
      case 415 -> UNSUPPORTED_MEDIA_TYPE;
      default -> status < 500 ? INVALID_REQUEST : SERVER_ERROR;
    };
  }
}
