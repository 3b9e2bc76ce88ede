package dev.meridian.aws;

import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.retries.api.BackoffStrategy;
import software.amazon.awssdk.retries.api.RetryStrategy;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClientBuilder;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.LambdaClientBuilder;

/**
 * Builds the SDK clients once, on purpose: the url-connection HTTP client (small, fast to start on
 * Lambda; chosen explicitly because the SDK silently picks whichever client is on the classpath),
 * an explicit retry strategy (adaptive or standard, exponential backoff with jitter, a separate and
 * longer base for throttling), timeouts, and an endpoint override for dynalite / LocalStack.
 */
public final class AwsClients {
  private AwsClients() {}

  public static DynamoDbClient dynamoDb(
      AwsClientSettings s, Optional<AwsCredentialsProvider> credentials) {
    DynamoDbClientBuilder b =
        DynamoDbClient.builder().httpClient(http(s)).overrideConfiguration(override(s));
    s.region().map(Region::of).ifPresent(b::region);
    s.endpointOverride().ifPresent(b::endpointOverride);
    credentials.ifPresent(b::credentialsProvider);
    return b.build();
  }

  public static LambdaClient lambda(
      AwsClientSettings s, Optional<AwsCredentialsProvider> credentials) {
    LambdaClientBuilder b =
        LambdaClient.builder().httpClient(http(s)).overrideConfiguration(override(s));
    s.region().map(Region::of).ifPresent(b::region);
    s.endpointOverride().ifPresent(b::endpointOverride);
    credentials.ifPresent(b::credentialsProvider);
    return b.build();
  }

  /** The SDK retry strategy the settings describe. */
  public static RetryStrategy retryStrategy(AwsClientSettings s) {
    BackoffStrategy backoff = BackoffStrategy.exponentialDelay(s.baseDelay(), s.maxBackoff());
    BackoffStrategy throttled =
        BackoffStrategy.exponentialDelay(s.throttlingBaseDelay(), s.maxBackoff());
    return switch (s.retryMode()) {
      case ADAPTIVE ->
          AwsRetryStrategy.adaptiveRetryStrategy().toBuilder()
              .maxAttempts(s.maxAttempts())
              .backoffStrategy(backoff)
              .throttlingBackoffStrategy(throttled)
              .build();
      case STANDARD ->
          AwsRetryStrategy.standardRetryStrategy().toBuilder()
              .maxAttempts(s.maxAttempts())
              .backoffStrategy(backoff)
              .throttlingBackoffStrategy(throttled)
              .build();
    };
  }

  private static SdkHttpClient http(AwsClientSettings s) {
    return UrlConnectionHttpClient.builder()
        .connectionTimeout(s.connectTimeout())
        .socketTimeout(s.socketTimeout())
        .build();
  }

  private static ClientOverrideConfiguration override(AwsClientSettings s) {
    return ClientOverrideConfiguration.builder()
        .retryStrategy(retryStrategy(s))
        .apiCallTimeout(s.apiCallTimeout())
        .build();
  }
}
