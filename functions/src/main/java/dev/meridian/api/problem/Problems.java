package dev.meridian.api.problem;

import dev.meridian.api.dto.Problem;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import java.util.Map;

/** Builds {@code application/problem+json} responses. */
public final class Problems {
  public static final String CONTENT_TYPE = "application/problem+json";
  public static final MediaType MEDIA_TYPE = MediaType.of(CONTENT_TYPE);

  private Problems() {}

  public static Problem body(ProblemType type, String detail, String field) {
    return new Problem(type.uri(), type.title(), type.status().getCode(), detail, field);
  }

  public static MutableHttpResponse<Problem> response(
      ProblemType type, String detail, String field, Map<String, String> headers) {
    MutableHttpResponse<Problem> r =
        HttpResponse.<Problem>status(type.status())
            .body(body(type, detail, field))
            .contentType(MEDIA_TYPE);
    headers.forEach(r::header);
    return r;
  }

  public static MutableHttpResponse<Problem> response(ApiException e) {
    return response(e.type(), e.getMessage(), e.field(), e.headers());
  }
}
