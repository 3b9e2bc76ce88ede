package dev.meridian.infra.constructs;

import java.util.List;
import java.util.Objects;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.aws_apigatewayv2_authorizers.HttpIamAuthorizer;
import software.amazon.awscdk.aws_apigatewayv2_integrations.HttpLambdaIntegration;
import software.amazon.awscdk.services.apigateway.AccessLogFormat;
import software.amazon.awscdk.services.apigatewayv2.AddRoutesOptions;
import software.amazon.awscdk.services.apigatewayv2.HttpApi;
import software.amazon.awscdk.services.apigatewayv2.HttpMethod;
import software.amazon.awscdk.services.apigatewayv2.HttpStage;
import software.amazon.awscdk.services.apigatewayv2.IAccessLogDestination;
import software.amazon.awscdk.services.apigatewayv2.IAccessLogSettings;
import software.amazon.awscdk.services.apigatewayv2.LogGroupLogDestination;
import software.amazon.awscdk.services.apigatewayv2.PayloadFormatVersion;
import software.amazon.awscdk.services.apigatewayv2.ThrottleSettings;
import software.amazon.awscdk.services.lambda.IFunction;
import software.amazon.awscdk.services.logs.LogGroup;
import software.amazon.awscdk.services.logs.RetentionDays;
import software.constructs.Construct;

/**
 * The Meridian HTTP API: an API Gateway HTTP API (payload format 2.0) in front of the API function,
 * every route authorized with IAM (SigV4), stage-wide throttling and JSON access logs. Routes:
 * {@code ANY /v1/{proxy+}} and {@code GET /openapi.yml}.
 */
public final class MeridianApi extends Construct {
  public static final String STAGE_NAME = "$default";

  /** One JSON object per request; never bodies or headers, which may carry secrets. */
  static final String ACCESS_LOG_FORMAT =
      "{\"requestId\":\"$context.requestId\",\"requestTime\":\"$context.requestTime\","
          + "\"sourceIp\":\"$context.identity.sourceIp\",\"caller\":\"$context.identity.caller\","
          + "\"userArn\":\"$context.identity.userArn\",\"routeKey\":\"$context.routeKey\","
          + "\"status\":\"$context.status\",\"responseLength\":\"$context.responseLength\","
          + "\"latencyMs\":\"$context.responseLatency\","
          + "\"integrationError\":\"$context.integrationErrorMessage\"}";

  public record Props(
      IFunction handler, int rateLimit, int burstLimit, RetentionDays accessLogRetention) {
    public Props {
      Objects.requireNonNull(handler, "handler");
      Objects.requireNonNull(accessLogRetention, "accessLogRetention");
    }
  }

  private final HttpApi api;
  private final HttpStage stage;

  public MeridianApi(Construct scope, String id, Props props) {
    super(scope, id);

    api =
        HttpApi.Builder.create(this, "HttpApi")
            .description("Meridian API: services, endpoints, status, plans and drills")
            .defaultAuthorizer(new HttpIamAuthorizer())
            // The stage below carries throttling and access logs.
            .createDefaultStage(false)
            .build();

    HttpLambdaIntegration integration =
        HttpLambdaIntegration.Builder.create("Handler", props.handler())
            .payloadFormatVersion(PayloadFormatVersion.VERSION_2_0)
            .build();
    api.addRoutes(
        AddRoutesOptions.builder()
            .path("/v1/{proxy+}")
            .methods(List.of(HttpMethod.ANY))
            .integration(integration)
            .build());
    api.addRoutes(
        AddRoutesOptions.builder()
            .path("/openapi.yml")
            .methods(List.of(HttpMethod.GET))
            .integration(integration)
            .build());

    LogGroup accessLogs =
        LogGroup.Builder.create(this, "AccessLogs")
            .retention(props.accessLogRetention())
            .removalPolicy(RemovalPolicy.DESTROY)
            .build();
    IAccessLogDestination destination = new LogGroupLogDestination(accessLogs);
    stage =
        HttpStage.Builder.create(this, "Stage")
            .httpApi(api)
            .stageName(STAGE_NAME)
            .autoDeploy(true)
            .throttle(
                ThrottleSettings.builder()
                    .rateLimit(props.rateLimit())
                    .burstLimit(props.burstLimit())
                    .build())
            .accessLogSettings(
                new IAccessLogSettings() {
                  @Override
                  public IAccessLogDestination getDestination() {
                    return destination;
                  }

                  @Override
                  public AccessLogFormat getFormat() {
                    return AccessLogFormat.custom(ACCESS_LOG_FORMAT);
                  }
                })
            .build();
  }

  public HttpApi api() {
    return api;
  }

  public HttpStage stage() {
    return stage;
  }

  /** The base URL callers use, e.g. {@code https://abc123.execute-api.eu-west-1.amazonaws.com/}. */
  public String url() {
    return stage.getUrl();
  }

  /** The resource callers' IAM policies grant {@code execute-api:Invoke} on: every route. */
  public String callerResourceArn() {
    return api.arnForExecuteApi("*", "/*", "*");
  }
}
