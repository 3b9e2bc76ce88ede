package dev.meridian.api.problem;

import dev.meridian.api.dto.Problem;
import dev.meridian.app.drill.DrillService;
import dev.meridian.app.registry.ForbiddenTargetException;
import dev.meridian.app.registry.PreconditionFailedException;
import dev.meridian.core.drill.IllegalDrillTransitionException;
import dev.meridian.core.model.InvalidValueException;
import dev.meridian.core.port.ConflictException;
import dev.meridian.core.port.NotFoundException;
import dev.meridian.core.port.StoreException;
import dev.meridian.core.port.StoreUnavailableException;
import io.micronaut.context.annotation.Factory;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import jakarta.inject.Singleton;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Maps the API's and the domain's exceptions to problem details: one handler per exception type
 * (Micronaut picks the closest). Nothing here ever puts a stack trace or an internal message of an
 * unexpected error into a response.
 */
@Factory
public class ProblemExceptionHandlers {
  private static final Logger LOG = LoggerFactory.getLogger(ProblemExceptionHandlers.class);

  /** Seconds a client should wait before retrying after a store outage. */
  static final String STORE_RETRY_AFTER_SECONDS = "5";

  @Singleton
  ExceptionHandler<ApiException, HttpResponse<Problem>> apiException() {
    return (request, e) -> Problems.response(e);
  }

  @Singleton
  ExceptionHandler<InvalidValueException, HttpResponse<Problem>> invalidValue() {
    return (request, e) ->
        Problems.response(ProblemType.INVALID_VALUE, e.getMessage(), e.field(), Map.of());
  }

  @Singleton
  ExceptionHandler<ForbiddenTargetException, HttpResponse<Problem>> forbiddenTarget() {
    return (request, e) ->
        Problems.response(ProblemType.FORBIDDEN_TARGET, e.getMessage(), e.field(), Map.of());
  }

  @Singleton
  ExceptionHandler<DrillService.RefusedException, HttpResponse<Problem>> drillRefused() {
    return (request, e) ->
        Problems.response(ProblemType.DRILL_REFUSED, e.getMessage(), null, Map.of());
  }

  @Singleton
  ExceptionHandler<IllegalDrillTransitionException, HttpResponse<Problem>> illegalDrill() {
    return (request, e) -> Problems.response(ProblemType.CONFLICT, e.getMessage(), null, Map.of());
  }

  @Singleton
  ExceptionHandler<NotFoundException, HttpResponse<Problem>> notFound() {
    return (request, e) -> Problems.response(ProblemType.NOT_FOUND, e.getMessage(), null, Map.of());
  }

  @Singleton
  ExceptionHandler<ConflictException, HttpResponse<Problem>> conflict() {
    return (request, e) -> Problems.response(ProblemType.CONFLICT, e.getMessage(), null, Map.of());
  }

  @Singleton
  ExceptionHandler<PreconditionFailedException, HttpResponse<Problem>> preconditionFailed() {
    return (request, e) ->
        Problems.response(
            ProblemType.PRECONDITION_FAILED,
            e.getMessage(),
            HttpHeaders.IF_MATCH,
            e.actual() > 0 ? Map.of(HttpHeaders.ETAG, ETags.of(e.actual())) : Map.of());
  }

  @Singleton
  ExceptionHandler<StoreUnavailableException, HttpResponse<Problem>> storeUnavailable() {
    return (request, e) -> unavailable(request, e);
  }

  @Singleton
  ExceptionHandler<StoreException, HttpResponse<Problem>> store() {
    return (request, e) -> e.retryable() ? unavailable(request, e) : internal(request, e);
  }

  @Singleton
  ExceptionHandler<RuntimeException, HttpResponse<Problem>> unexpected() {
    return ProblemExceptionHandlers::internal;
  }

  private static HttpResponse<Problem> unavailable(HttpRequest<?> request, StoreException e) {
    LOG.warn(
        "store unavailable method={} path={} error={}",
        request.getMethodName(),
        request.getPath(),
        e.toString());
    return Problems.response(
        ProblemType.STORE_UNAVAILABLE,
        "a backing store is unavailable; retry later",
        null,
        Map.of(HttpHeaders.RETRY_AFTER, STORE_RETRY_AFTER_SECONDS));
  }

  static HttpResponse<Problem> internal(HttpRequest<?> request, Throwable e) {
    String errorId = UUID.randomUUID().toString();
    LOG.error(
        "unexpected error errorId={} method={} path={}",
        errorId,
        request.getMethodName(),
        request.getPath(),
        e);
    return Problems.response(
        ProblemType.INTERNAL_ERROR,
        "unexpected error; quote errorId " + errorId + " to find it in the logs",
        null,
        Map.of());
  }
}
