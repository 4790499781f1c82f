package jp.shisakuflow.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.ServletWebRequest;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import org.springframework.web.servlet.resource.NoResourceFoundException;

/**
 * Every Spring MVC error of the app's API ({@code /api/**}), ours and Spring's own (400, 404, 405, 415...),
 * as problem details that name what is wrong, in Japanese and English. Other paths keep Spring's defaults.
 */
@RestControllerAdvice
public class ApiErrorHandler extends ResponseEntityExceptionHandler {

  private final ErrorResponses errors;

  public ApiErrorHandler(ErrorResponses errors) {
    this.errors = errors;
  }

  /** A feature's invalid input (a plan with its lines...); any other runtime error goes on as if unhandled. */
  @ExceptionHandler(RuntimeException.class)
  ResponseEntity<Object> invalidInput(RuntimeException e, HttpServletRequest request) {
    if (!(e instanceof InvalidInput invalid) || !ErrorResponses.isApi(request)) {
      throw e; // rethrowing the very exception lets Spring (and the filters around it) handle it as before
    }
    return errors.entity(request, invalid.problemType(), HttpStatus.BAD_REQUEST, HttpHeaders.EMPTY, e.getMessage(),
        invalid.problems());
  }

  @ExceptionHandler(IllegalArgumentException.class)
  ResponseEntity<Object> badRequest(IllegalArgumentException e, HttpServletRequest request) {
    if (!ErrorResponses.isApi(request)) {
      throw e;
    }
    return errors.entity(request, ProblemType.INVALID_REQUEST, HttpStatus.BAD_REQUEST, HttpHeaders.EMPTY,
        e.getMessage(), List.of());
  }

  /** Spring's own errors, and {@link ResponseStatusException}: all pass through here. */
  @Override
  protected ResponseEntity<Object> handleExceptionInternal(Exception e, Object body, HttpHeaders headers,
      HttpStatusCode status, WebRequest webRequest) {
    ServletWebRequest servlet = (ServletWebRequest) webRequest;
    if (!ErrorResponses.isApi(servlet.getRequest())) {
      return springDefault(servlet.getResponse(), headers, status);
    }
    return errors.entity(servlet.getRequest(), typeOf(e, status), status, headers, detail(e, status), List.of());
  }

  /** What Spring answers without this advice: the status, and Spring Boot's error page or JSON. */
  private static ResponseEntity<Object> springDefault(HttpServletResponse response, HttpHeaders headers,
      HttpStatusCode status) {
    if (response.isCommitted()) {
      return null; // too late to say anything
    }
    headers.forEach((name, values) -> values.forEach(value -> response.addHeader(name, value)));
    try {
      response.sendError(status.value());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return null; // handled: the response is an error already
  }

  private static ProblemType typeOf(Exception e, HttpStatusCode status) {
    if (e instanceof MethodArgumentTypeMismatchException || e instanceof MissingServletRequestParameterException) {
      return ProblemType.BAD_PARAMETER;
    }
    if (e instanceof HttpMessageNotReadableException) {
      return ProblemType.UNREADABLE_BODY;
    }
    return ProblemType.forStatus(status.value());
  }

  private static String detail(Exception e, HttpStatusCode status) {
    if (e instanceof MethodArgumentTypeMismatchException mismatch) {
      return mismatch.getName() + ": 値 '" + mismatch.getValue() + "' は使えません (invalid value for "
          + mismatch.getName() + (mismatch.getRequiredType() == null ? ""
          : ", expected " + mismatch.getRequiredType().getSimpleName()) + ")";
    }
    if (e instanceof MissingServletRequestParameterException missing) {
      return missing.getParameterName() + ": 必須のパラメータがありません (required parameter "
          + missing.getParameterName() + " is missing)";
    }
    if (e instanceof HttpMessageNotReadableException) {
      return "リクエスト本文がありません、または読めません (the request body is missing or unreadable)";
    }
    if (e instanceof HttpMediaTypeNotSupportedException unsupported) {
      return "対応していない形式です (unsupported content type " + unsupported.getContentType() + "; supported: "
          + unsupported.getSupportedMediaTypes() + ")";
    }
    if (e instanceof HttpRequestMethodNotSupportedException method) {
      return "このURLでは " + method.getMethod() + " は使えません (method not allowed; supported: "
          + method.getSupportedHttpMethods() + ")";
    }
    if (e instanceof NoResourceFoundException) {
      return "このURLはありません。アドレスを確認してください (not found)";
    }
    if (e instanceof ResponseStatusException reasoned && reasoned.getReason() != null) {
      return reasoned.getReason();
    }
    String english = e instanceof org.springframework.web.ErrorResponse spring && spring.getBody().getDetail() != null
        ? spring.getBody().getDetail() : "status " + status.value();
    return ProblemType.forStatus(status.value()).title() + " (" + english + ")";
  }
}
