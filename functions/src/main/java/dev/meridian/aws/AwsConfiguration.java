package dev.meridian.aws;

import io.micronaut.context.annotation.ConfigurationProperties;
import java.net.URI;
import java.time.Duration;

/**
 * {@code meridian.aws.*}: how the DynamoDB and Lambda clients are built. {@code dynamodb-endpoint}
 * points the DynamoDB client at dynalite / LocalStack (local mode, tests); {@code retry-mode} is
 * {@code standard} (default) or {@code adaptive}.
 */
@ConfigurationProperties("meridian.aws")
public class AwsConfiguration {
  private URI dynamodbEndpoint;
  private URI lambdaEndpoint;
  private String retryMode = AwsClientSettings.DEFAULT_RETRY_MODE.name().toLowerCase();
  private int maxAttempts = AwsClientSettings.DEFAULT_MAX_ATTEMPTS;
  private Duration connectTimeout = AwsClientSettings.DEFAULT_CONNECT_TIMEOUT;
  private Duration socketTimeout = AwsClientSettings.DEFAULT_SOCKET_TIMEOUT;
  private Duration apiCallTimeout = AwsClientSettings.DEFAULT_API_CALL_TIMEOUT;

  public URI getDynamodbEndpoint() {
    return dynamodbEndpoint;
  }

  public void setDynamodbEndpoint(URI dynamodbEndpoint) {
    this.dynamodbEndpoint = dynamodbEndpoint;
  }

  public URI getLambdaEndpoint() {
    return lambdaEndpoint;
  }

  public void setLambdaEndpoint(URI lambdaEndpoint) {
    this.lambdaEndpoint = lambdaEndpoint;
  }

  public String getRetryMode() {
    return retryMode;
  }

  public void setRetryMode(String retryMode) {
    this.retryMode = retryMode;
  }

  public int getMaxAttempts() {
    return maxAttempts;
  }

  public void setMaxAttempts(int maxAttempts) {
    this.maxAttempts = maxAttempts;
  }

  public Duration getConnectTimeout() {
    return connectTimeout;
  }

  public void setConnectTimeout(Duration connectTimeout) {
    this.connectTimeout = connectTimeout;
  }

  public Duration getSocketTimeout() {
    return socketTimeout;
  }

  public void setSocketTimeout(Duration socketTimeout) {
    this.socketTimeout = socketTimeout;
  }

  public Duration getApiCallTimeout() {
    return apiCallTimeout;
  }

  public void setApiCallTimeout(Duration apiCallTimeout) {
    this.apiCallTimeout = apiCallTimeout;
  }

  /** The client settings for {@code region} (empty: the SDK's region chain). */
  public AwsClientSettings clientSettings(String region, URI endpoint) {
    return AwsClientSettings.defaults()
        .withRegion(region)
        .withEndpoint(endpoint)
        .withRetry(
            AwsClientSettings.RetryMode.parse(retryMode),
            maxAttempts,
            AwsClientSettings.DEFAULT_BASE_DELAY,
            AwsClientSettings.DEFAULT_THROTTLING_BASE_DELAY)
        .withTimeouts(connectTimeout, socketTimeout, apiCallTimeout);
  }
}
