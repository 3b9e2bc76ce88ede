package dev.meridian.bench;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.StreamRecord;
import java.net.URI;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;

/**
 * The process {@link HandlerStartupBench} starts once per measurement: constructs one handler the
 * way the Lambda Java runtime does (public no-argument constructor, configuration from system
 * properties / environment), hands it one event and prints {@code handled-at-ms=<epoch ms>} and
 * {@code result=<short summary>}. The parent measures from just before it started the JVM.
 *
 * <p>{@code baseline} is the plain-Java handler: no framework, a {@link DynamoDbClient} with the
 * same url-connection HTTP client, one Query on the endpoints table — the SDK call every Meridian
 * handler makes on its first event.
 */
public final class HandlerStartupChild {
  private HandlerStartupChild() {}

  @SuppressWarnings({"unchecked", "rawtypes"})
  public static void main(String[] args) throws Exception {
    String which = args[0];
    RequestHandler handler =
        switch (which) {
          case "baseline" -> new Baseline();
          case "probe" -> construct("dev.meridian.functions.probe.ProbeHandler");
          case "aggregator" -> construct("dev.meridian.functions.aggregator.AggregatorHandler");
          case "scheduler" -> construct("dev.meridian.functions.scheduler.SchedulerHandler");
          case "api" -> construct("dev.meridian.functions.api.ApiHandler");
          default -> throw new IllegalArgumentException("unknown handler " + which);
        };
    long constructed = System.currentTimeMillis();
    Object event =
        switch (which) {
          case "probe" -> Map.of("shard", 0, "shards", 1);
          case "aggregator" -> streamEvent();
          case "api" -> apiEvent();
          default -> Map.of("reconcile", true);
        };
    Object result = handler.handleRequest(event, null);
    long at = System.currentTimeMillis();
    System.out.println("constructed-at-ms=" + constructed);
    System.out.println("handled-at-ms=" + at);
    System.out.println(
        "classes-loaded="
            + java.lang.management.ManagementFactory.getClassLoadingMXBean().getLoadedClassCount());
    String s = String.valueOf(result).replaceAll("\\s+", " ");
    System.out.println("result=" + (s.length() > 160 ? s.substring(0, 160) + "…" : s));
    System.out.flush();
    // Nothing after the first event is measured; exit (not halt) so that
    // -XX:+AutoCreateSharedArchive
    // can write its archive.
    System.exit(0);
  }

  @SuppressWarnings("rawtypes")
  private static RequestHandler construct(String handlerClass) throws Exception {
    return (RequestHandler) Class.forName(handlerClass).getDeclaredConstructor().newInstance();
  }

  /** The plain-Java baseline: a client built once, one Query, a small map out. */
  static final class Baseline implements RequestHandler<Map<String, Object>, Map<String, Object>> {
    private final DynamoDbClient dynamo =
        DynamoDbClient.builder()
            .region(Region.of(System.getProperty("aws.region", "us-east-1")))
            .endpointOverride(URI.create(System.getProperty("meridian.aws.dynamodb-endpoint")))
            .httpClient(UrlConnectionHttpClient.builder().build())
            .build();

    @Override
    public Map<String, Object> handleRequest(Map<String, Object> input, Context context) {
      String table = System.getProperty("meridian.tables.prefix", "meridian-") + "endpoints";
      int count =
          dynamo
              .query(
                  QueryRequest.builder()
                      .tableName(table)
                      .keyConditionExpression("pk = :pk")
                      .expressionAttributeValues(
                          Map.of(
                              ":pk",
                              software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromS(
                                  "SVC#" + HandlerStartupBench.SERVICE)))
                      .build())
              .count();
      return Map.of("mode", input.containsKey("reconcile") ? "reconcile" : "?", "items", count);
    }
  }

  /** One health-table stream record (MODIFY, a vantage's record going DOWN), as on AWS. */
  static DynamodbEvent streamEvent() {
    String service = HandlerStartupBench.SERVICE;
    Map<String, AttributeValue> keys = new HashMap<>();
    keys.put("pk", s("SVC#" + service));
    keys.put("sk", s("EP#ep-us-east-1#V#us-east-1"));
    Map<String, AttributeValue> image = new HashMap<>(keys);
    image.put("service", s(service));
    image.put("endpoint", s("ep-us-east-1"));
    image.put("vantage", s("us-east-1"));
    image.put("state", s("DOWN"));
    image.put("consecutiveOk", n("0"));
    image.put("consecutiveFail", n("3"));
    image.put("lastProbeAt", s("2026-12-01T10:00:00Z"));
    image.put("lastTransitionAt", s("2026-12-01T10:00:00Z"));
    image.put("penalty", n("0"));
    image.put("penaltyAt", s("2026-12-01T10:00:00Z"));
    image.put("suppressed", new AttributeValue().withBOOL(false));
    image.put("latencyEwmaMillis", n("12"));
    image.put("version", n("2"));
    image.put("expiresAt", n("1764669600"));
    Map<String, AttributeValue> old = new HashMap<>(image);
    old.put("state", s("UP"));
    old.put("consecutiveOk", n("40"));
    old.put("consecutiveFail", n("0"));
    old.put("version", n("1"));
    StreamRecord sr = new StreamRecord();
    sr.setKeys(keys);
    sr.setNewImage(image);
    sr.setOldImage(old);
    sr.setSequenceNumber("4421584500000000017450439091");
    sr.setSizeBytes(412L);
    sr.setStreamViewType(
        com.amazonaws.services.lambda.runtime.events.models.dynamodb.StreamViewType
            .NEW_AND_OLD_IMAGES);
    DynamodbEvent.DynamodbStreamRecord r = new DynamodbEvent.DynamodbStreamRecord();
    r.setEventID("c81e728d9d4c2f636f067f89cc148621");
    r.setEventName("MODIFY");
    r.setEventVersion("1.1");
    r.setEventSource("aws:dynamodb");
    r.setAwsRegion("us-east-1");
    r.setDynamodb(sr);
    DynamodbEvent e = new DynamodbEvent();
    e.setRecords(List.of(r));
    return e;
  }

  /** {@code GET /v1/services} through API Gateway (HTTP API, IAM-authorized). */
  static APIGatewayV2HTTPEvent apiEvent() {
    String path = "/v1/services";
    return APIGatewayV2HTTPEvent.builder()
        .withVersion("2.0")
        .withRouteKey("$default")
        .withRawPath(path)
        .withRawQueryString("")
        .withHeaders(Map.of("accept", "application/json", "host", "bench.execute-api.local"))
        .withIsBase64Encoded(false)
        .withRequestContext(
            APIGatewayV2HTTPEvent.RequestContext.builder()
                .withAccountId("123456789012")
                .withApiId("bench")
                .withDomainName("bench.execute-api.local")
                .withRequestId("bench-1")
                .withRouteKey("$default")
                .withStage("$default")
                .withTimeEpoch(System.currentTimeMillis())
                .withAuthorizer(
                    APIGatewayV2HTTPEvent.RequestContext.Authorizer.builder()
                        .withIam(
                            APIGatewayV2HTTPEvent.RequestContext.IAM
                                .builder()
                                .withAccountId("123456789012")
                                .withUserArn("arn:aws:iam::123456789012:user/operator")
                                .withUserId("AIDAEXAMPLE")
                                .withAccessKey("ASIAEXAMPLE")
                                .withCallerId("AIDAEXAMPLE")
                                .build())
                        .build())
                .withHttp(
                    APIGatewayV2HTTPEvent.RequestContext.Http.builder()
                        .withMethod("GET")
                        .withPath(path)
                        .withProtocol("HTTP/1.1")
                        .withSourceIp("198.51.100.23")
                        .withUserAgent("bench")
                        .build())
                .build())
        .build();
  }

  private static AttributeValue s(String v) {
    return new AttributeValue().withS(v);
  }

  private static AttributeValue n(String v) {
    return new AttributeValue().withN(v);
  }
}
