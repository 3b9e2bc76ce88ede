package dev.meridian.functions.probe;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import java.time.Duration;

/** A Lambda context with a fixed remaining time (the api-proxy MockLambdaContext reports 0). */
record FixedLambdaContext(Duration remaining) implements Context {
  @Override
  public String getAwsRequestId() {
    return "00000000-0000-0000-0000-000000000001";
  }

  @Override
  public String getLogGroupName() {
    return "/aws/lambda/meridian-probe";
  }

  @Override
  public String getLogStreamName() {
    return "test";
  }

  @Override
  public String getFunctionName() {
    return "meridian-probe";
  }

  @Override
  public String getFunctionVersion() {
    return "$LATEST";
  }

  @Override
  public String getInvokedFunctionArn() {
    return "arn:aws:lambda:eu-west-1:123456789012:function:meridian-probe";
  }

  @Override
  public CognitoIdentity getIdentity() {
    return null;
  }

  @Override
  public ClientContext getClientContext() {
    return null;
  }

  @Override
  public int getRemainingTimeInMillis() {
    return (int) remaining.toMillis();
  }

  @Override
  public int getMemoryLimitInMB() {
    return 512;
  }

  @Override
  public LambdaLogger getLogger() {
    return new LambdaLogger() {
      @Override
      public void log(String message) {}

      @Override
      public void log(byte[] message) {}
    };
  }
}
