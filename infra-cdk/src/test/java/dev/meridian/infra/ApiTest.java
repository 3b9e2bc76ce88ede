package dev.meridian.infra;

import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

class ApiTest {
  private static Template template;

  @BeforeAll
  static void synthesize() {
    template = StandardDeployment.regional(TestApps.PRIMARY);
  }

  @ParameterizedTest
  @ValueSource(strings = {"ANY /v1/{proxy+}", "GET /openapi.yml"})
  void everyRoute_usesIamAuthorization(String routeKey) {
    template.hasResourceProperties(
        "AWS::ApiGatewayV2::Route",
        Match.objectLike(Map.of("RouteKey", routeKey, "AuthorizationType", "AWS_IAM")));
  }

  @Test
  void noRoute_isUnauthenticated() {
    template.resourceCountIs("AWS::ApiGatewayV2::Route", 2);
    template.allResourcesProperties(
        "AWS::ApiGatewayV2::Route", Match.objectLike(Map.of("AuthorizationType", "AWS_IAM")));
  }

  @Test
  void stage_isThrottled() {
    template.hasResourceProperties(
        "AWS::ApiGatewayV2::Stage",
        Match.objectLike(
            Map.of(
                "StageName",
                "$default",
                "AutoDeploy",
                true,
                "DefaultRouteSettings",
                Match.objectLike(Map.of("ThrottlingRateLimit", 50, "ThrottlingBurstLimit", 100)))));
  }

  @Test
  void stage_writesJsonAccessLogs() {
    template.hasResourceProperties(
        "AWS::ApiGatewayV2::Stage",
        Match.objectLike(
            Map.of(
                "AccessLogSettings",
                Map.of(
                    "DestinationArn", Match.anyValue(),
                    "Format", Match.stringLikeRegexp(".*\\$context\\.requestId.*")))));
  }

  @Test
  void integration_isLambdaProxyPayloadV2_toTheApiAlias() {
    template.hasResourceProperties(
        "AWS::ApiGatewayV2::Integration",
        Match.objectLike(
            Map.of(
                "IntegrationType", "AWS_PROXY",
                "PayloadFormatVersion", "2.0",
                "IntegrationUri", Map.of("Ref", Match.stringLikeRegexp("^ApiAlias.*")))));
  }

  @Test
  void outputs_tellCallersTheUrlAndTheArnToGrant() {
    template.hasOutput("ApiUrl", Match.anyValue());
    template.hasOutput(
        "ApiCallerResourceArn",
        Match.objectLike(Map.of("Value", Match.objectLike(Map.of("Fn::Join", Match.anyValue())))));
    template.hasResourceProperties(
        "AWS::Lambda::Permission",
        Match.objectLike(
            Map.of(
                "Action",
                "lambda:InvokeFunction",
                "Principal",
                "apigateway.amazonaws.com",
                "FunctionName",
                Map.of("Ref", Match.stringLikeRegexp("^ApiAlias.*")),
                "SourceArn",
                Match.anyValue())));
  }
}
