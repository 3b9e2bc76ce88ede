package dev.meridian.api.problem;

import dev.meridian.api.dto.Problem;
import io.micronaut.context.annotation.Replaces;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.server.exceptions.response.Error;
import io.micronaut.http.server.exceptions.response.ErrorContext;
import io.micronaut.http.server.exceptions.response.ErrorResponseProcessor;
import jakarta.inject.Singleton;
import java.util.stream.Collectors;

/**
 * Formats the errors Micronaut itself produces (no route, wrong method or media type, a body over
 * the size limit, a conversion error, an uncaught exception) as problem details instead of its
 * default JSON error, so that every error of the API has one shape. The detail of a 5xx never
 * carries the exception message.
 */
@Singleton
@Replaces(ErrorResponseProcessor.class)
public class ProblemErrorResponseProcessor implements ErrorResponseProcessor<Problem> {

  @Override
  public MutableHttpResponse<Problem> processResponse(
      ErrorContext context, MutableHttpResponse<?> response) {
    int code = response.code();
    ProblemType type = ProblemType.forStatus(code);
    String detail;
    String field = null;
    if (code >= 500) {
      detail = "unexpected error";
    } else if (context.hasErrors()) {
      detail =
          context.getErrors().stream().map(Error::getMessage).collect(Collectors.joining("; "));
      field = context.getErrors().getFirst().getPath().orElse(null);
    } else {
      detail = defaultDetail(type, context);
    }
    return response
        .body(new Problem(type.uri(), type.title(), code, detail, field))
        .contentType(Problems.MEDIA_TYPE);
  }

  private static String defaultDetail(ProblemType type, ErrorContext context) {
    return switch (type) {
      case NOT_FOUND -> "no such resource: " + context.getRequest().getPath();
      case METHOD_NOT_ALLOWED -> "method " + context.getRequest().getMethodName() + " not allowed";
      default -> type.title();
    };
  }
}
