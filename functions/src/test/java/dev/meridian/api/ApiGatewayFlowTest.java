package dev.meridian.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The API flows through the Lambda handler with API Gateway HTTP API events; the caller is the IAM
 * principal of the event's authorizer context.
 */
class ApiGatewayFlowTest extends ApiFlowContract {
  static Stores stores;
  static TestClock clock;
  static LambdaTarget target;

  @BeforeAll
  static void start() {
    stores = new Stores();
    clock = new TestClock(Seeds.NOW);
    target = new LambdaTarget(stores, clock, Map.of());
  }

  @AfterAll
  static void stop() {
    target.close();
  }

  @Override
  ApiTarget api() {
    return target;
  }

  @Override
  Stores stores() {
    return stores;
  }

  @Override
  TestClock clock() {
    return clock;
  }

  @Override
  String caller() {
    return LambdaTarget.CALLER_ARN;
  }

  @Test
  void refusesAnEventWithoutAnIamPrincipal() {
    var event =
        LambdaTarget.toEvent(
            (com.fasterxml.jackson.databind.node.ObjectNode)
                readFixture("/events/apigw-v2-no-iam.json"));
    var r = target.invoke(event);
    assertThat(r.status()).isEqualTo(401);
    assertThat(r.header("content-type")).startsWith("application/problem+json");
    assertThat(r.body()).doesNotContain("Bearer something");
  }

  @Test
  void refusesAnOversizedBase64BodyBeforeRouting() {
    var e = LambdaTarget.fixture();
    e.with("requestContext").with("http").put("method", "PUT");
    e.put("body", java.util.Base64.getEncoder().encodeToString(new byte[70_000]));
    e.put("isBase64Encoded", true);
    var r = target.invoke(LambdaTarget.toEvent(e));
    assertThat(r.status()).isEqualTo(413);
    assertThat(r.json().get("type").asText()).endsWith("/payload-too-large");
  }

  private static com.fasterxml.jackson.databind.JsonNode readFixture(String name) {
    try (var in = ApiGatewayFlowTest.class.getResourceAsStream(name)) {
      return ApiTarget.JACKSON.readTree(in);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
