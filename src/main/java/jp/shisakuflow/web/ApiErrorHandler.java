package jp.shisakuflow.web;

import java.util.List;
import jp.shisakuflow.plan.InvalidPlanException;
import jp.shisakuflow.plan.PlanError;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.server.ResponseStatusException;

/** Errors of the app's own API ({@code /api/**}) as JSON that names what is wrong, in Japanese and English. */
@RestControllerAdvice(basePackages = "jp.shisakuflow")
public class ApiErrorHandler {

  /** The error body; {@code errors} lists each problem of a rejected plan with its line. */
  public record ApiError(int status, String message, List<PlanError> errors) {}

  @ExceptionHandler(InvalidPlanException.class)
  ResponseEntity<ApiError> invalidPlan(InvalidPlanException e) {
    return error(HttpStatus.BAD_REQUEST, e.getMessage(), e.errors());
  }

  @ExceptionHandler(MethodArgumentTypeMismatchException.class)
  ResponseEntity<ApiError> badParameter(MethodArgumentTypeMismatchException e) {
    return error(HttpStatus.BAD_REQUEST, e.getName() + ": 値 '" + e.getValue() + "' は使えません (invalid value for "
        + e.getName() + (e.getRequiredType() == null ? "" : ", expected " + e.getRequiredType().getSimpleName()) + ")",
        List.of());
  }

  @ExceptionHandler(IllegalArgumentException.class)
  ResponseEntity<ApiError> badRequest(IllegalArgumentException e) {
    return error(HttpStatus.BAD_REQUEST, e.getMessage(), List.of());
  }

  @ExceptionHandler(ResponseStatusException.class)
  ResponseEntity<ApiError> status(ResponseStatusException e) {
    return ResponseEntity.status(e.getStatusCode()).body(new ApiError(e.getStatusCode().value(), e.getReason(),
        List.of()));
  }

  @ExceptionHandler(HttpMessageNotReadableException.class)
  ResponseEntity<ApiError> unreadable(HttpMessageNotReadableException e) {
    return error(HttpStatus.BAD_REQUEST, "リクエスト本文がありません、または読めません (the request body is missing or unreadable)",
        List.of());
  }

  @ExceptionHandler(HttpMediaTypeNotSupportedException.class)
  ResponseEntity<ApiError> mediaType(HttpMediaTypeNotSupportedException e) {
    return error(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "対応していない形式です (unsupported content type " + e.getContentType()
        + "; supported: " + e.getSupportedMediaTypes() + ")", List.of());
  }

  private static ResponseEntity<ApiError> error(HttpStatus status, String message, List<PlanError> errors) {
    return ResponseEntity.status(status).body(new ApiError(status.value(), message, errors));
  }
}
