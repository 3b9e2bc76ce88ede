package dev.meridian.api.ratelimit;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.bind.annotation.Bindable;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

/**
 * Local rate limiting ({@code meridian.api.rate-limit.*}): a token bucket per caller holding {@code
 * burst} requests, refilled at {@code requestsPerSecond}. On AWS, API Gateway throttles, so when
 * {@code enabled} is unset the limiter is on only with token authentication.
 */
@ConfigurationProperties("meridian.api.rate-limit")
public record RateLimitConfiguration(
    @Nullable Boolean enabled,
    @Bindable(defaultValue = "20") @DecimalMin("0.01") double requestsPerSecond,
    @Bindable(defaultValue = "40") @Min(1) @Max(100_000) int burst) {}
