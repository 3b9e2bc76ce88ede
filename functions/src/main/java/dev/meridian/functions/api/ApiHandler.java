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
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The API function: API Gateway HTTP API (payload 2.0) → the same Micronaut controllers as the
 * local server. API Gateway has already authorized the caller with IAM (SigV4); the caller's ARN is
 * read from the event by {@link IamAuthenticator}. Bodies over {@code meridian.api.max-body-bytes}
 * are refused here with 413 before any routing, as the local server does.
 */
public class ApiHandler extends APIGatewayV2HTTPEventFunction {
  private static final Logger LOG = LoggerFactory.getLogger(ApiHandler.class);
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
      normalizePath(input);
      if (input.getBody() == null || input.getBody().isEmpty()) {
        // The servlet layer fails to bind an optional body when the event has none and says
        // nothing about its length; with an explicit zero length it reads as absent, as on the
        // local server.
        input.setBody("");
        input.setIsBase64Encoded(false);
        Map<String, String> headers =
            input.getHeaders() == null ? new HashMap<>() : new HashMap<>(input.getHeaders());
        headers.keySet().removeIf(k -> k.equalsIgnoreCase(HttpHeaders.CONTENT_LENGTH));
        headers.put("content-length", "0");
        input.setHeaders(headers);
      }
    } catch (ApiException e) {
      return problem(e);
    }
    try {
      return super.handleRequest(input, context);
    } catch (RuntimeException e) {
      // Micronaut handles errors inside routing; this is for failures before or after it.
      String errorId = UUID.randomUUID().toString();
      LOG.error("api function failed errorId={}", errorId, e);
      return problem(
          new ApiException(
              ProblemType.INTERNAL_ERROR,
              "unexpected error; quote errorId " + errorId + " to find it in the logs",
              null));
    }
  }

  /**
   * API Gateway passes the decoded path in {@code requestContext.http.path} (a space stays a
   * space), from which Micronaut builds a URI and fails. Use the still-encoded {@code rawPath}
   * then, so that the route sees the same decoded path variables as on the local server.
   */
  private static void normalizePath(APIGatewayV2HTTPEvent input) {
    var ctx = input.getRequestContext();
    if (ctx == null || ctx.getHttp() == null) {
      throw new ApiException(ProblemType.BAD_REQUEST, "not an HTTP API request", null);
    }
    String path = ctx.getHttp().getPath();
    if (path != null && isUriPath(path)) {
      return;
    }
    String raw = input.getRawPath();
    if (raw == null || !isUriPath(raw)) {
      throw new ApiException(ProblemType.BAD_REQUEST, "the request path is not a valid URI", null);
    }
    ctx.getHttp().setPath(raw);
  }

  private static boolean isUriPath(String path) {
    try {
      return new URI(path).getRawPath() != null;
    } catch (URISyntaxException e) {
      return false;
    }
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
