package dev.meridian.functions.api;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.meridian.api.ApiConfiguration;
import dev.meridian.api.problem.ApiException;
import dev.meridian.api.problem.ProblemType;
import dev.meridian.api.problem.Problems;
import io.micronaut.context.ApplicationContext;
import io.micronaut.function.aws.proxy.payload2.APIGatewayV2HTTPEventFunction;
import io.micronaut.http.HttpHeaders;
import io.micronaut.json.JsonMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;

/**
 * The API function: API Gateway HTTP API (payload 2.0) → the same Micronaut controllers as the
 * local server. API Gateway has already authorized the caller with IAM (SigV4); the caller's ARN is
 * read from the event by {@link IamAuthenticator}. Bodies over {@code meridian.api.max-body-bytes}
 * are refused here with 413 before any routing, as the local server does.
 */
public class ApiHandler extends APIGatewayV2HTTPEventFunction {
  private final int maxBodyBytes;
  private final JsonMapper json;

  public ApiHandler() {
    super();
    this.maxBodyBytes = applicationContext.getBean(ApiConfiguration.class).maxBodyBytes();
    this.json = applicationContext.getBean(JsonMapper.class);
  }

  /** For tests and custom runtimes: serve from an existing, started context. */
  public ApiHandler(ApplicationContext context) {
    super(context);
    this.maxBodyBytes = context.getBean(ApiConfiguration.class).maxBodyBytes();
    this.json = context.getBean(JsonMapper.class);
  }

  @Override
  public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent input, Context context) {
    try {
      long size = bodySize(input);
      if (size > maxBodyBytes) {
        throw new ApiException(
            ProblemType.PAYLOAD_TOO_LARGE,
            "the body has " + size + " bytes; the limit is " + maxBodyBytes,
            null);
      }
    } catch (ApiException e) {
      return problem(e);
    }
    return super.handleRequest(input, context);
  }

  private static long bodySize(APIGatewayV2HTTPEvent input) {
    String body = input.getBody();
    if (body == null) {
      return 0;
    }
    if (!input.getIsBase64Encoded()) {
      return body.getBytes(StandardCharsets.UTF_8).length;
    }
    try {
      return Base64.getDecoder().decode(body).length;
    } catch (IllegalArgumentException e) {
      throw new ApiException(ProblemType.MALFORMED_JSON, "the body is not valid base64", null);
    }
  }

  private APIGatewayV2HTTPResponse problem(ApiException e) {
    try {
      String body =
          new String(
              json.writeValueAsBytes(Problems.body(e.type(), e.getMessage(), e.field())),
              StandardCharsets.UTF_8);
      return APIGatewayV2HTTPResponse.builder()
          .withStatusCode(e.type().status().getCode())
          .withHeaders(Map.of(HttpHeaders.CONTENT_TYPE, Problems.CONTENT_TYPE))
          .withBody(body)
          .withIsBase64Encoded(false)
          .build();
    } catch (IOException io) {
      throw new UncheckedIOException(io);
    }
  }
}
