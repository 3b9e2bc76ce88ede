package dev.meridian.api.problem;

import java.util.Map;

/**
 * A request the API refuses, with everything the problem detail needs. Thrown by the request
 * readers and controllers; turned into {@code application/problem+json} by {@link
 * ProblemExceptionHandlers}.
 */
public final class ApiException extends RuntimeException {
  private final ProblemType type;
  private final String field;
  private final Map<String, String> headers;

  public ApiException(ProblemType type, String detail, String field, Map<String, String> headers) {
    super(detail);
    this.type = type;
    this.field = field;
    this.headers = headers == null ? Map.of() : Map.copyOf(headers);
  }

  public ApiException(ProblemType type, String detail, String field) {
    this(type, detail, field, Map.of());
  }

  public ProblemType type() {
    return type;
  }

  public String field() {
    return field;
  }

  public Map<String, String> headers() {
    return headers;
  }
}
