package dev.meridian.api.problem;

import io.micronaut.http.HttpStatus;

/**
 * Every kind of problem the API answers with: its slug (the last segment of the problem's {@code
 * type} URI), HTTP status and title. Clients switch on the slug.
 */
public enum ProblemType {
  MALFORMED_JSON("malformed-json", HttpStatus.BAD_REQUEST, "Malformed JSON"),
  UNKNOWN_FIELD("unknown-field", HttpStatus.BAD_REQUEST, "Unknown field"),
  INVALID_TYPE("invalid-type", HttpStatus.BAD_REQUEST, "Wrong JSON type"),
  INVALID_VALUE("invalid-value", HttpStatus.BAD_REQUEST, "Invalid value"),
  FORBIDDEN_TARGET("forbidden-target", HttpStatus.BAD_REQUEST, "Probe target not allowed"),
  BAD_REQUEST("bad-request", HttpStatus.BAD_REQUEST, "Bad request"),
  UNAUTHORIZED("unauthorized", HttpStatus.UNAUTHORIZED, "Unauthorized"),
  FORBIDDEN("forbidden", HttpStatus.FORBIDDEN, "Forbidden"),
  NOT_FOUND("not-found", HttpStatus.NOT_FOUND, "Not found"),
  METHOD_NOT_ALLOWED("method-not-allowed", HttpStatus.METHOD_NOT_ALLOWED, "Method not allowed"),
  NOT_ACCEPTABLE("not-acceptable", HttpStatus.NOT_ACCEPTABLE, "Not acceptable"),
  CONFLICT("conflict", HttpStatus.CONFLICT, "Conflict"),
  DRILL_REFUSED("drill-refused", HttpStatus.CONFLICT, "Drill refused"),
  PRECONDITION_FAILED("precondition-failed", HttpStatus.PRECONDITION_FAILED, "Version mismatch"),
  PAYLOAD_TOO_LARGE("payload-too-large", HttpStatus.REQUEST_ENTITY_TOO_LARGE, "Body too large"),
  UNSUPPORTED_MEDIA_TYPE(
      "unsupported-media-type", HttpStatus.UNSUPPORTED_MEDIA_TYPE, "Unsupported media type"),
  RATE_LIMITED("rate-limited", HttpStatus.TOO_MANY_REQUESTS, "Too many requests"),
  STORE_UNAVAILABLE("store-unavailable", HttpStatus.SERVICE_UNAVAILABLE, "Store unavailable"),
  INTERNAL_ERROR("internal-error", HttpStatus.INTERNAL_SERVER_ERROR, "Internal error");

  public static final String TYPE_PREFIX = "https://meridian.dev/problems/";

  private final String slug;
  private final HttpStatus status;
  private final String title;

  ProblemType(String slug, HttpStatus status, String title) {
    this.slug = slug;
    this.status = status;
    this.title = title;
  }

  public String slug() {
    return slug;
  }

  public String uri() {
    return TYPE_PREFIX + slug;
  }

  public HttpStatus status() {
    return status;
  }

  public String title() {
    return title;
  }

  /** The generic type for a status the API did not classify itself (framework errors). */
  public static ProblemType forStatus(int code) {
    return switch (code) {
      case 400 -> BAD_REQUEST;
      case 401 -> UNAUTHORIZED;
      case 403 -> FORBIDDEN;
      case 404 -> NOT_FOUND;
      case 405 -> METHOD_NOT_ALLOWED;
      case 406 -> NOT_ACCEPTABLE;
      case 409 -> CONFLICT;
      case 412 -> PRECONDITION_FAILED;
      case 413 -> PAYLOAD_TOO_LARGE;
      case 415 -> UNSUPPORTED_MEDIA_TYPE;
      case 429 -> RATE_LIMITED;
      case 503 -> STORE_UNAVAILABLE;
      default -> code >= 500 ? INTERNAL_ERROR : BAD_REQUEST;
    };
  }
}
