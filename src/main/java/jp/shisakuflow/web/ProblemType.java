package jp.shisakuflow.web;

import java.net.URI;

/** The kinds of error the app's API answers, each with its stable type URI and short Japanese title. */
public enum ProblemType {

  BAD_PARAMETER("bad-parameter", "パラメータの値が正しくありません", 400),
  INVALID_REQUEST("invalid-request", "リクエストの内容が正しくありません", 400),
  INVALID_PLAN("invalid-plan", "計画ファイルに誤りがあります", 400),
  UNREADABLE_BODY("unreadable-body", "リクエスト本文を読めません", 400),
  REQUEST_REFUSED("request-refused", "リクエストを受け付けられません", 400),
  UNAUTHORIZED("unauthorized", "ログインが必要です", 401),
  FORBIDDEN("forbidden", "権限がありません", 403),
  NOT_FOUND("not-found", "見つかりません", 404),
  METHOD_NOT_ALLOWED("method-not-allowed", "このメソッドは使えません", 405),
  NOT_ACCEPTABLE("not-acceptable", "要求された形式では返せません", 406),
  CONFLICT("conflict", "他の操作と競合しました", 409),
  REQUEST_TOO_LARGE("request-too-large", "リクエストが大きすぎます", 413),
  UNSUPPORTED_MEDIA_TYPE("unsupported-media-type", "対応していない形式です", 415),
  SERVER_ERROR("server-error", "サーバーで問題が発生しました", 500),
  DATABASE_UNAVAILABLE("database-unavailable", "一時的に利用できません", 503);

  public static final String PREFIX = "urn:shisaku:problem:";

  private final String name;
  private final String title;
  private final int status;

  ProblemType(String name, String title, int status) {
    this.name = name;
    this.title = title;
    this.status = status;
  }

  public URI uri() {
    return URI.create(PREFIX + name);
  }

  public String title() {
    return title;
  }

  /** The kind a status stands for when nothing more is known: 400 is an invalid request, other 4xx by code, else a server error. */
  public static ProblemType forStatus(int status) {
    if (status == 400) {
      return INVALID_REQUEST;
    }
    for (ProblemType type : values()) {
      if (type.status == status) {
        return type;
      }
    }
    return status >= 400 && status < 500 ? INVALID_REQUEST : SERVER_ERROR;
  }
}
