package dev.meridian.api;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.meridian.functions.api.ApiHandler;
import io.micronaut.context.ApplicationContext;
import io.micronaut.function.aws.proxy.MockLambdaContext;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The API through the Lambda handler, fed API Gateway HTTP API (payload 2.0) events built from the
 * fixture {@code events/apigw-v2-request.json} (a real-looking event with an IAM authorizer).
 */
public final class LambdaTarget implements ApiTarget {
  public static final String FIXTURE = "/events/apigw-v2-request.json";
  public static final String CALLER_ARN = "arn:aws:iam::123456789012:user/operator";

  private final ApplicationContext context;
  private final ApiHandler handler;

  public LambdaTarget(Stores stores, Clock clock, Map<String, Object> extra) {
    Map<String, Object> p = new HashMap<>();
    p.put("micronaut.server.port", -1);
    p.put("meridian.api.auth", "iam");
    p.putAll(extra);
    this.context =
        ApplicationContext.builder().properties(p).singletons(stores).singletons(clock).start();
    this.handler = new ApiHandler(context);
  }

  public ApplicationContext context() {
    return context;
  }

  @Override
  public String name() {
    return "lambda";
  }

  /** The fixture event as a Jackson tree, to be edited by a test. */
  public static ObjectNode fixture() {
    try (InputStream in = LambdaTarget.class.getResourceAsStream(FIXTURE)) {
      return (ObjectNode) JACKSON.readTree(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static APIGatewayV2HTTPEvent toEvent(ObjectNode tree) {
    return JACKSON.convertValue(tree, APIGatewayV2HTTPEvent.class);
  }

  /** Runs one raw event through the handler. */
  public Response invoke(APIGatewayV2HTTPEvent event) {
    APIGatewayV2HTTPResponse r = handler.handleRequest(event, new MockLambdaContext());
    Map<String, String> h =
        r.getHeaders() == null ? new HashMap<>() : new HashMap<>(r.getHeaders());
    if (r.getMultiValueHeaders() != null) {
      r.getMultiValueHeaders().forEach((k, v) -> h.putIfAbsent(k, String.join(",", v)));
    }
    String body = r.getBody();
    if (r.getIsBase64Encoded() && body != null) {
      body =
          new String(
              java.util.Base64.getDecoder().decode(body), java.nio.charset.StandardCharsets.UTF_8);
    }
    return new Response(r.getStatusCode(), h, body);
  }

  @Override
  public Response send(
      String method, String path, String body, Map<String, String> headers, Auth auth) {
    ObjectNode e = fixture();
    String rawPath = path;
    String query = "";
    int q = path.indexOf('?');
    if (q >= 0) {
      rawPath = path.substring(0, q);
      query = path.substring(q + 1);
    }
    String decodedPath =
        java.net.URLDecoder.decode(
            rawPath.replace("+", "%2B"), java.nio.charset.StandardCharsets.UTF_8);
    e.put("rawPath", rawPath);
    e.put("rawQueryString", query);
    if (!query.isEmpty()) {
      // API Gateway sends both the raw query string and the decoded parameters.
      ObjectNode params = e.putObject("queryStringParameters");
      for (String pair : query.split("&")) {
        int eq = pair.indexOf('=');
        String k = eq < 0 ? pair : pair.substring(0, eq);
        String v = eq < 0 ? "" : pair.substring(eq + 1);
        params.put(
            java.net.URLDecoder.decode(k, java.nio.charset.StandardCharsets.UTF_8),
            java.net.URLDecoder.decode(v, java.nio.charset.StandardCharsets.UTF_8));
      }
    }
    e.put("routeKey", "$default");
    ObjectNode http = (ObjectNode) e.with("requestContext").with("http");
    http.put("method", method);
    http.put("path", decodedPath);
    ObjectNode h = e.with("headers");
    Map<String, String> lower = new LinkedHashMap<>();
    headers.forEach((k, v) -> lower.put(k.toLowerCase(), v));
    lower.forEach(h::put);
    if (body == null) {
      e.remove("body");
      h.remove("content-length");
    } else {
      e.put("body", body);
      h.put(
          "content-length",
          Integer.toString(body.getBytes(java.nio.charset.StandardCharsets.UTF_8).length));
    }
    e.put("isBase64Encoded", false);
    ObjectNode authorizer = (ObjectNode) e.with("requestContext").with("authorizer");
    switch (auth) {
      case VALID -> {}
      case NONE, OTHER_SCHEME -> ((ObjectNode) e.get("requestContext")).remove("authorizer");
      case WRONG -> ((ObjectNode) authorizer.get("iam")).put("userArn", "");
    }
    return invoke(toEvent(e));
  }

  @Override
  public void close() {
    handler.close();
    context.close();
  }
}
