package dev.meridian.aws.route53;

import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.route53.Route53Client;
import software.amazon.awssdk.services.route53.Route53ClientBuilder;

/**
 * Builds the one Route 53 client: url-connection HTTP client chosen explicitly, the global signing
 * region, an optional endpoint override, and no SDK retries ({@link Route53DnsPublisher} retries
 * with its own backoff and rate limit, so the attempts are not multiplied).
 */
public final class Route53Clients {
  public static final Duration DEFAULT_CALL_TIMEOUT = Duration.ofSeconds(30);

  private Route53Clients() {}

  public static Route53Client create(
      Optional<String> region,
      Optional<URI> endpointOverride,
      Optional<AwsCredentialsProvider> credentials,
      Duration connectTimeout,
      Duration socketTimeout) {
    Route53ClientBuilder b =
        Route53Client.builder()
            .region(clientRegion(region.orElse(""), endpointOverride.isPresent()))
            .httpClient(
                UrlConnectionHttpClient.builder()
                    .connectionTimeout(connectTimeout)
                    .socketTimeout(socketTimeout)
                    .build())
            .overrideConfiguration(
                o ->
                    o.retryStrategy(AwsRetryStrategy.doNotRetry())
                        .apiCallTimeout(DEFAULT_CALL_TIMEOUT));
    endpointOverride.ifPresent(b::endpointOverride);
    credentials.ifPresent(b::credentialsProvider);
    return b.build();
  }

  /**
   * The region to build the client with. Without an endpoint override the SDK's endpoint rules turn
   * the partition's global pseudo-region into route53.amazonaws.com signed for us-east-1; with an
   * override the client region is used for signing as is, so it must be a concrete one.
   */
  public static Region clientRegion(String configured, boolean endpointOverridden) {
    Region global = globalRegion(configured);
    if (!endpointOverridden) {
      return global;
    }
    if (global.equals(Region.AWS_CN_GLOBAL)) {
      return Region.CN_NORTHWEST_1;
    }
    if (global.equals(Region.AWS_US_GOV_GLOBAL)) {
      return Region.US_GOV_WEST_1;
    }
    return Region.US_EAST_1;
  }

  /**
   * Route 53 is global: its API lives in us-east-1 ({@code aws-global}), in cn-northwest-1 for the
   * China partition and us-gov-west-1 for GovCloud. A configured {@code aws-global}, {@code
   * us-east-1} or any other commercial region maps to {@code aws-global} (signed for us-east-1)
   * rather than to a regional endpoint that does not exist.
   */
  public static Region globalRegion(String configured) {
    String r = configured == null ? "" : configured.trim().toLowerCase(Locale.ROOT);
    if (r.isEmpty() || r.equals("aws-global")) {
      return Region.AWS_GLOBAL;
    }
    if (r.equals("aws-cn-global") || r.startsWith("cn-")) {
      return Region.AWS_CN_GLOBAL;
    }
    if (r.equals("aws-us-gov-global") || r.startsWith("us-gov-")) {
      return Region.AWS_US_GOV_GLOBAL;
    }
    return Region.AWS_GLOBAL;
  }
}
