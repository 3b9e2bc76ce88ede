package dev.meridian.api;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.bind.annotation.Bindable;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.nio.file.Path;

/**
 * The HTTP API's settings ({@code meridian.api.*}).
 *
 * @param auth {@code iam} (behind API Gateway: the caller is the SigV4-verified IAM principal) or
 *     {@code token} (local: a bearer token from {@code tokenFile}); when unset, {@code token} if
 *     {@code meridian.mode=local}, else {@code iam}
 * @param tokenFile where the local bearer token lives (created with 0600 permissions on first
 *     start); default {@code ~/.meridian/api-token}
 * @param maxBodyBytes largest accepted request body, on both the local server and the Lambda path
 *     (keep {@code micronaut.server.max-request-size} equal)
 * @param maxPageSize largest {@code limit} of a paginated listing
 */
@ConfigurationProperties("meridian.api")
public record ApiConfiguration(
    @Nullable String auth,
    @Nullable Path tokenFile,
    @Bindable(defaultValue = "65536") @Min(1024) @Max(6 * 1024 * 1024) int maxBodyBytes,
    @Bindable(defaultValue = "200") @Min(1) @Max(1000) int maxPageSize) {

  public static final int DEFAULT_PAGE_SIZE = 50;

  /** The token file, defaulting to {@code ~/.meridian/api-token}. */
  public Path tokenFileOrDefault() {
    return tokenFile != null
        ? tokenFile
        : Path.of(System.getProperty("user.home"), ".meridian", "api-token");
  }
}
