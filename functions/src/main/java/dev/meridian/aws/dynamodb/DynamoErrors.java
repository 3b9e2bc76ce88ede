package dev.meridian.aws.dynamodb;

import dev.meridian.core.port.StoreUnavailableException;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.model.ProvisionedThroughputExceededException;
import software.amazon.awssdk.services.dynamodb.model.RequestLimitExceededException;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;

/**
 * Translates DynamoDB SDK errors (after the SDK's own retries) into the ports' exceptions, keeping
 * the cause. Conditional-check failures are handled where the condition is known, not here.
 */
final class DynamoErrors {
  private DynamoErrors() {}

  /**
   * Throttling that outlasted the SDK's retry strategy, a server error, a missing table or a
   * connection failure: {@link StoreUnavailableException} (the caller fails static and retries
   * later). A request DynamoDB rejects as invalid is a bug in the adapter: {@link
   * IllegalStateException}.
   */
  static RuntimeException translate(String operation, SdkException e) {
    if (e instanceof SdkClientException) {
      return new StoreUnavailableException(
          "DynamoDB unreachable during " + operation + ": " + e.getMessage(), e);
    }
    if (e instanceof ProvisionedThroughputExceededException
        || e instanceof RequestLimitExceededException) {
      return new StoreUnavailableException(
          "DynamoDB kept throttling " + operation + " after retries", e);
    }
    if (e instanceof ResourceNotFoundException) {
      return new StoreUnavailableException(
          "DynamoDB table missing during " + operation + ": " + e.getMessage(), e);
    }
    if (e instanceof AwsServiceException ase) {
      if (ase.isThrottlingException()) {
        return new StoreUnavailableException(
            "DynamoDB kept throttling " + operation + " after retries", e);
      }
      if (ase.statusCode() >= 500 || ase.statusCode() == 0) {
        return new StoreUnavailableException(
            "DynamoDB failed " + operation + " (" + ase.statusCode() + ")", e);
      }
      return new IllegalStateException(
          "DynamoDB rejected " + operation + ": " + errorMessage(ase), e);
    }
    return new StoreUnavailableException("DynamoDB failed " + operation, e);
  }

  static String errorMessage(AwsServiceException e) {
    return e.awsErrorDetails() != null && e.awsErrorDetails().errorMessage() != null
        ? e.awsErrorDetails().errorCode() + ": " + e.awsErrorDetails().errorMessage()
        : e.getMessage();
  }
}
