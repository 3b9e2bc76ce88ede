package dev.meridian.api.auth;

import dev.meridian.api.problem.ProblemType;
import dev.meridian.api.problem.Problems;
import dev.meridian.api.ratelimit.RateLimitConfiguration;
import dev.meridian.api.ratelimit.TokenBucketRateLimiter;
import io.micronaut.context.env.Environment;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.order.Ordered;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.http.filter.ServerFilterPhase;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs before every route: authenticates the caller (IAM principal or local bearer token), then
 * rate-limits per caller (per client address while unauthenticated, so guessing tokens is throttled
 * too). {@code /health} and the OpenAPI document need neither. The authenticated {@link Caller} is
 * left on the request for the controllers to record in the audit log.
 */
@ServerFilter(ServerFilter.MATCH_ALL_PATTERN)
public final class ApiGuardFilter implements Ordered {
  private static final Logger LOG = LoggerFactory.getLogger(ApiGuardFilter.class);
  static final Set<String> OPEN_PATHS = Set.of("/health", "/openapi.yml", "/v1/openapi.yml");

  private final Authenticator authenticator;
  private final TokenBucketRateLimiter limiter;

  public ApiGuardFilter(
      Authenticator authenticator,
      RateLimitConfiguration rateLimit,
      Environment environment,
      Clock clock) {
    this.authenticator = authenticator;
    boolean enabled =
        rateLimit.enabled() != null
            ? rateLimit.enabled()
            : AuthMode.resolve(environment) == AuthMode.TOKEN;
    this.limiter =
        enabled
            ? new TokenBucketRateLimiter(rateLimit.burst(), rateLimit.requestsPerSecond(), clock)
            : null;
  }

  @Override
  public int getOrder() {
    return ServerFilterPhase.SECURITY.order();
  }

  @RequestFilter
  @Nullable
  public HttpResponse<?> guard(HttpRequest<?> request) {
    String path = request.getPath();
    if (OPEN_PATHS.contains(path)) {
      return null;
    }
    Authenticator.Result result = authenticator.authenticate(request);
    String key =
        result instanceof Authenticator.Result.Authenticated a
            ? "caller:" + a.caller().identity()
            : "addr:" + request.getRemoteAddress().getAddress().getHostAddress();
    if (limiter != null) {
      TokenBucketRateLimiter.Decision d = limiter.tryAcquire(key);
      if (!d.allowed()) {
        LOG.info(
            "api request throttled method={} path={} key={} retryAfterSeconds={}",
            request.getMethodName(),
            path,
            key,
            d.retryAfterSeconds());
        return Problems.response(
            ProblemType.RATE_LIMITED,
            "rate limit exceeded; retry after " + d.retryAfterSeconds() + " s",
            null,
            Map.of(HttpHeaders.RETRY_AFTER, Long.toString(d.retryAfterSeconds())));
      }
    }
    return switch (result) {
      case Authenticator.Result.Authenticated a -> {
        request.setAttribute(Caller.ATTRIBUTE, a.caller());
        yield null;
      }
      case Authenticator.Result.Rejected r -> {
        LOG.info(
            "api request unauthenticated method={} path={} remote={} reason={}",
            request.getMethodName(),
            path,
            request.getRemoteAddress().getAddress().getHostAddress(),
            r.reason());
        Map<String, String> headers = new HashMap<>();
        if (r.challenge() != null) {
          headers.put(HttpHeaders.WWW_AUTHENTICATE, r.challenge());
        }
        yield Problems.response(ProblemType.UNAUTHORIZED, r.reason(), null, headers);
      }
    };
  }
}
