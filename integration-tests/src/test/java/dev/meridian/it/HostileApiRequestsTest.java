package dev.meridian.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.meridian.local.LocalRuntime;
import dev.meridian.local.LocalSettings;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Scenario 9 of the end-to-end proof: the whole local runtime (dynalite, API with token auth,
 * scheduler, DNS) receives a few hundred generated malformed and hostile requests; every one is
 * answered 4xx with {@code application/problem+json}, and a Scan of the three tables is byte for
 * byte the same before and after.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class HostileApiRequestsTest {
  private static final String SVC = "hostile.example.test";
  private static final String S = "/v1/services/" + SVC;

  @TempDir static Path state;
  static LocalRuntime runtime;
  static DynamoDbClient dynamo;
  static String token;
  static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  @BeforeAll
  static void start() throws Exception {
    runtime =
        LocalRuntime.start(
            LocalSettings.defaults(state.resolve("state"))
                .withPorts(0, 0)
                .withReconcileInterval(Duration.ofHours(1)),
            null);
    token = Files.readString(runtime.tokenFile()).trim();
    dynamo =
        DynamoDbClient.builder()
            .endpointOverride(runtime.dynamoDbEndpoint())
            .region(Region.US_EAST_1)
            .credentialsProvider(
                StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
            .httpClient(UrlConnectionHttpClient.builder().build())
            .build();
    assertThat(send("PUT", S, "{\"ttlSeconds\":30}", auth()).statusCode()).isEqualTo(201);
    HttpResponse<String> ep =
        send(
            "POST",
            S + "/endpoints",
            "{\"id\":\"ep-1\",\"region\":\"us-east-1\",\"address\":\"203.0.113.10\"}",
            auth());
    assertThat(ep.statusCode()).as(ep.body()).isEqualTo(201);
  }

  @AfterAll
  static void stop() {
    if (dynamo != null) {
      dynamo.close();
    }
    if (runtime != null) {
      runtime.close();
    }
  }

  static Map<String, String> auth() {
    return Map.of("Authorization", "Bearer " + token, "Content-Type", "application/json");
  }

  static HttpResponse<String> send(String method, String path, String body, Map<String, String> h)
      throws Exception {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(runtime.apiUrl() + path))
            .timeout(Duration.ofSeconds(10))
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body));
    h.forEach(b::header);
    return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  /**
   * Like {@link #send}, but waits out the local rate limiter (429 + Retry-After, which writes
   * nothing) first: the hostile-request test before this one drains the caller's token bucket.
   */
  static HttpResponse<String> sendPatiently(
      String method, String path, String body, Map<String, String> h) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
    HttpResponse<String> res = send(method, path, body, h);
    while (res.statusCode() == 429 && System.nanoTime() < deadline) {
      long wait = res.headers().firstValueAsLong("Retry-After").orElse(1);
      Thread.sleep(Duration.ofSeconds(Math.max(1, Math.min(wait, 5))));
      res = send(method, path, body, h);
    }
    return res;
  }

  /** Every item of the three tables, attributes sorted, items sorted: one comparable string. */
  static String scanAll() {
    List<String> items = new ArrayList<>();
    for (String table : List.of("meridian-endpoints", "meridian-health", "meridian-control")) {
      dynamo
          .scanPaginator(r -> r.tableName(table).consistentRead(true))
          .items()
          .forEach(item -> items.add(table + " " + new TreeMap<String, AttributeValue>(item)));
    }
    items.sort(String::compareTo);
    return String.join("\n", items);
  }

  /** Waits until the scheduler's first runs are done: two equal scans a second apart. */
  static String quietScan() throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    String last = scanAll();
    while (System.nanoTime() < deadline) {
      Thread.sleep(1000);
      String now = scanAll();
      if (now.equals(last)) {
        return now;
      }
      last = now;
    }
    throw new AssertionError("the store did not settle within 30 s");
  }

  record Req(String name, String method, String path, String body, Map<String, String> headers) {}

  static List<Req> hostileRequests() {
    List<Req> out = new ArrayList<>();
    Map<String, String> json = auth();
    // 1. Authentication: no token, wrong tokens, wrong schemes, on every route kind.
    List<String[]> routes =
        List.of(
            new String[] {"GET", "/v1/services"},
            new String[] {"GET", S},
            new String[] {"PUT", S},
            new String[] {"DELETE", S},
            new String[] {"POST", S + "/endpoints"},
            new String[] {"DELETE", S + "/endpoints/ep-1"},
            new String[] {"PATCH", S + "/endpoints/ep-1"},
            new String[] {"POST", S + "/drills"},
            new String[] {"GET", S + "/status"},
            new String[] {"GET", S + "/events"});
    List<Map<String, String>> badAuth =
        List.of(
            Map.of("Content-Type", "application/json"),
            Map.of("Authorization", "Bearer " + token + "x", "Content-Type", "application/json"),
            Map.of("Authorization", "Bearer", "Content-Type", "application/json"),
            Map.of("Authorization", "Basic " + token, "Content-Type", "application/json"),
            Map.of(
                "Authorization",
                "Bearer " + token.substring(0, token.length() - 1),
                "Content-Type",
                "application/json"));
    for (String[] r : routes) {
      for (int i = 0; i < badAuth.size(); i++) {
        String body = r[0].equals("GET") || r[0].equals("DELETE") ? null : "{}";
        out.add(new Req("auth" + i + " " + r[0] + " " + r[1], r[0], r[1], body, badAuth.get(i)));
      }
    }
    // 2. Bad service names in the path.
    List<String> badNames =
        List.of(
            "..",
            "a..b.test",
            "-lead.example.test",
            "trail-.example.test",
            "x".repeat(64) + ".test",
            ("abcdefghij.".repeat(26)) + "test",
            "sp%20ace.example.test",
            "%C3%A1pi.example.test",
            "api.example.test%2F..%2F..",
            "%2e%2e%2f%2e%2e%2fetc%2fpasswd",
            "under_score..test",
            "*.example.test",
            "api.example.test;drop");
    for (String n : badNames) {
      out.add(new Req("name PUT " + n, "PUT", "/v1/services/" + n, "{}", json));
      out.add(
          new Req(
              "name POST endpoint " + n,
              "POST",
              "/v1/services/" + n + "/endpoints",
              "{\"region\":\"us-east-1\",\"address\":\"203.0.113.9\"}",
              json));
    }
    // 3. Malformed or wrongly typed service configurations.
    List<String> badConfigs =
        List.of(
            "{",
            "[]",
            "\"text\"",
            "null",
            "42",
            "{\"ttlSeconds\":\"30\"}",
            "{\"ttlSeconds\":-1}",
            "{\"ttlSeconds\":1e400}",
            "{\"ttlSeconds\":99999999999999999999999}",
            "{\"ttlSeconds\":30.5}",
            "{\"quorum\":0}",
            "{\"quorum\":1000}",
            "{\"panicThreshold\":2.0}",
            "{\"panicThreshold\":-0.1}",
            "{\"panicThreshold\":\"NaN\"}",
            "{\"maxStepIncrease\":0}",
            "{\"policy\":\"ROUND_ROBIN\"}",
            "{\"policy\":null,\"failMode\":\"SOMETIMES\"}",
            "{\"recordType\":\"MX\"}",
            "{\"failoverPriority\":[\"us-east-1\",\"us-east-1\"],\"policy\":\"FAILOVER\"}",
            "{\"failoverPriority\":\"us-east-1\"}",
            "{\"failoverPriority\":[\"../../etc\"]}",
            "{\"probe\":{\"intervalSeconds\":0}}",
            "{\"probe\":{\"timeoutMillis\":-5}}",
            "{\"probe\":{\"rise\":0,\"fall\":0}}",
            "{\"probe\":[]}",
            "{\"damping\":\"off\"}",
            "{\"unknownField\":true}",
            "{\"ttlSeconds\":30,\"ttlSeconds\":31,\"__proto__\":{}}",
            "{\"allowPrivateTargets\":\"yes\"}",
            "{\"stalenessSeconds\":-10}",
            "{\"holdDownSeconds\":-1}",
            "{\"rampSeconds\":-1}",
            "{\"drillHeadroom\":-1}",
            "{\"expectedLoad\":-100}",
            "{\"ttlSeconds\":" + "[".repeat(2000) + "]".repeat(2000) + "}",
            "{\"x\":\"" + "A".repeat(70_000) + "\"}",
            "\u0000\u0001\u0002");
    for (int i = 0; i < badConfigs.size(); i++) {
      out.add(new Req("config " + i, "PUT", S, badConfigs.get(i), json));
    }
    // 4. Hostile endpoint registrations: metadata and link-local targets, bad fields.
    String ok = "\"region\":\"us-east-1\",";
    List<String> badEndpoints =
        List.of(
            ok + "\"address\":\"169.254.169.254\"",
            ok + "\"address\":\"169.254.170.2\"",
            ok + "\"address\":\"fd00:ec2::254\"",
            ok + "\"address\":\"metadata.google.internal\"",
            ok + "\"address\":\"127.0.0.1\"",
            ok + "\"address\":\"10.0.0.1\"",
            ok + "\"address\":\"192.168.1.1\"",
            ok + "\"address\":\"::1\"",
            ok + "\"address\":\"localhost\"",
            ok + "\"address\":\"0.0.0.0\"",
            ok + "\"address\":\"255.255.255.255\"",
            ok + "\"address\":\"224.0.0.1\"",
            ok + "\"address\":\"http://203.0.113.9/\"",
            ok + "\"address\":\"\"",
            ok + "\"address\":null",
            "\"region\":\"mars-north-1\",\"address\":\"203.0.113.9\"",
            "\"region\":\"\",\"address\":\"203.0.113.9\"",
            "\"address\":\"203.0.113.9\"",
            ok + "\"address\":\"203.0.113.9\",\"port\":0",
            ok + "\"address\":\"203.0.113.9\",\"port\":65536",
            ok + "\"address\":\"203.0.113.9\",\"port\":-1",
            ok + "\"address\":\"203.0.113.9\",\"port\":\"80\"",
            ok + "\"address\":\"203.0.113.9\",\"weight\":256",
            ok + "\"address\":\"203.0.113.9\",\"weight\":-1",
            ok + "\"address\":\"203.0.113.9\",\"capacity\":-5",
            ok + "\"address\":\"203.0.113.9\",\"protocol\":\"GOPHER\"",
            ok + "\"address\":\"203.0.113.9\",\"healthPath\":\"http://evil.test/\"",
            ok + "\"address\":\"203.0.113.9\",\"healthPath\":\"no-slash\"",
            ok + "\"address\":\"203.0.113.9\",\"expectedStatus\":\"999\"",
            ok + "\"address\":\"203.0.113.9\",\"expectedStatus\":\"abc\"",
            ok + "\"address\":\"203.0.113.9\",\"hostHeader\":\"a\\r\\nX-Evil: 1\"",
            ok + "\"address\":\"203.0.113.9\",\"tlsVerify\":\"false\"",
            ok + "\"address\":\"203.0.113.9\",\"state\":\"HACKED\"",
            ok + "\"address\":\"203.0.113.9\",\"id\":\"../../x\"",
            ok + "\"address\":\"203.0.113.9\",\"id\":\"" + "i".repeat(300) + "\"",
            ok + "\"address\":\"203.0.113.9\",\"extra\":1",
            ok + "\"address\":\"203.0.113.9\",\"protocol\":\"TCP\",\"port\":null,\"weight\":1e9");
    for (int i = 0; i < badEndpoints.size(); i++) {
      out.add(
          new Req(
              "endpoint " + i, "POST", S + "/endpoints", "{" + badEndpoints.get(i) + "}", json));
    }
    // 5. Drills that must be refused before anything is stored.
    List<String> badDrills =
        List.of(
            "{}",
            "{\"region\":\"us-east-1\"}",
            "{\"region\":\"us-east-1\",\"mode\":\"DESTROY\"}",
            "{\"region\":\"us-east-1\",\"mode\":\"SHIFT\"}",
            "{\"region\":\"us-east-1\",\"mode\":\"SHIFT\",\"shiftPercent\":0}",
            "{\"region\":\"us-east-1\",\"mode\":\"SHIFT\",\"shiftPercent\":101}",
            "{\"region\":\"us-east-1\",\"mode\":\"SHIFT\",\"shiftPercent\":-30}",
            "{\"region\":\"us-east-1\",\"mode\":\"EVACUATE\",\"durationSeconds\":0}",
            "{\"region\":\"us-east-1\",\"mode\":\"EVACUATE\",\"durationSeconds\":-5}",
            "{\"region\":\"us-east-1\",\"mode\":\"EVACUATE\",\"durationSeconds\":1e12}",
            "{\"region\":\"us-east-1\",\"mode\":\"EVACUATE\",\"startAt\":\"yesterday\"}",
            "{\"region\":\"not a region!\",\"mode\":\"EVACUATE\"}",
            "{\"region\":\"us-east-1\",\"mode\":\"EVACUATE\",\"dryRun\":\"no\"}",
            "{\"region\":\"us-east-1\",\"mode\":\"EVACUATE\",\"reason\":\""
                + "r".repeat(5000)
                + "\"}");
    for (int i = 0; i < badDrills.size(); i++) {
      out.add(new Req("drill " + i, "POST", S + "/drills", badDrills.get(i), json));
    }
    // 6. Unknown things, wrong methods and media types, bad patches and aborts.
    out.add(new Req("unknown service GET", "GET", "/v1/services/nope.example.test", null, json));
    out.add(
        new Req(
            "endpoint on unknown service",
            "POST",
            "/v1/services/nope.example.test/endpoints",
            "{\"region\":\"us-east-1\",\"address\":\"203.0.113.9\"}",
            json));
    out.add(new Req("unknown endpoint", "GET", S + "/endpoints/ep-404", null, json));
    out.add(new Req("unknown endpoint delete", "DELETE", S + "/endpoints/ep-404", null, json));
    out.add(new Req("unknown drill", "GET", S + "/drills/d-404", null, json));
    out.add(new Req("unknown drill abort", "POST", S + "/drills/d-404/abort", "{}", json));
    out.add(new Req("unknown route", "GET", "/v1/nothing", null, json));
    out.add(new Req("traversal route", "GET", "/v1/services/../../etc/passwd", null, json));
    out.add(new Req("wrong method", "PATCH", "/v1/services", "{}", json));
    out.add(
        new Req(
            "wrong media type",
            "PUT",
            S,
            "ttlSeconds=30",
            Map.of("Authorization", "Bearer " + token, "Content-Type", "text/plain")));
    out.add(
        new Req(
            "xml body",
            "PUT",
            S,
            "<config/>",
            Map.of("Authorization", "Bearer " + token, "Content-Type", "application/xml")));
    out.add(new Req("patch bad weight", "PATCH", S + "/endpoints/ep-1", "{\"weight\":999}", json));
    out.add(new Req("patch bad state", "PATCH", S + "/endpoints/ep-1", "{\"state\":1}", json));
    out.add(new Req("patch array", "PATCH", S + "/endpoints/ep-1", "[]", json));
    out.add(new Req("events bad limit", "GET", S + "/events?limit=-1", null, json));
    out.add(new Req("events huge limit", "GET", S + "/events?limit=99999999999", null, json));
    out.add(new Req("events bad cursor", "GET", S + "/events?cursor=%00%ff", null, json));
    // 7. Fuzz: seeded random mutations of a valid endpoint registration.
    SplittableRandom random = new SplittableRandom(20261201);
    String valid = "{\"region\":\"us-east-1\",\"address\":\"203.0.113.9\",\"port\":8080}";
    String[] junk = {"\"", "{", "}", ",", ":", "[", "\\", "\u0000", "\uFFFF", "\uD800", "💥"};
    for (int i = 0; i < 40; i++) {
      StringBuilder b = new StringBuilder(valid);
      int cuts = 1 + random.nextInt(3);
      for (int k = 0; k < cuts; k++) {
        int at = 1 + random.nextInt(b.length() - 2);
        b.insert(at, junk[random.nextInt(junk.length)]);
      }
      out.add(new Req("fuzz " + i, "POST", S + "/endpoints", b.toString(), json));
    }
    return out;
  }

  @Test
  @Order(1)
  void hundredsOfHostileRequests_areAll4xxProblems_andTheStoreIsByteForByteUnchanged()
      throws Exception {
    String before = quietScan();
    List<Req> requests = hostileRequests();
    assertThat(requests).hasSizeGreaterThanOrEqualTo(200);

    List<String> wrong = new ArrayList<>();
    for (Req r : requests) {
      HttpResponse<String> res = send(r.method(), r.path(), r.body(), r.headers());
      String type = res.headers().firstValue("Content-Type").orElse("");
      if (res.statusCode() < 400 || res.statusCode() > 499) {
        wrong.add(r.name() + " -> " + res.statusCode() + " " + abbreviate(res.body()));
      } else if (!type.startsWith("application/problem+json")) {
        wrong.add(r.name() + " -> " + res.statusCode() + " content-type " + type);
      }
    }

    assertThat(wrong).as("requests not answered with a 4xx problem").isEmpty();
    assertThat(scanAll()).isEqualTo(before);
  }

  // Bugs found by this suite (reported to the lead; these fail until fixed in wt-api / shared).

  @Test
  @Order(2)
  void aServiceNameEndingInANulByte_isRejected_notSilentlyTrimmed() throws Exception {
    HttpResponse<String> res =
        sendPatiently("PUT", "/v1/services/nul.example.test%00", "{}", auth());

    assertThat(res.statusCode()).as(res.body()).isEqualTo(400);
    assertThat(sendPatiently("GET", "/v1/services/nul.example.test", null, auth()).statusCode())
        .isEqualTo(404);
  }

  @Test
  @Order(3)
  void trailingGarbageAfterTheJsonObject_isRejected() throws Exception {
    HttpResponse<String> res = sendPatiently("PUT", S, "{\"ttlSeconds\":45} garbage", auth());

    assertThat(res.statusCode()).as(res.body()).isEqualTo(400);
    assertThat(sendPatiently("GET", S, null, auth()).body()).contains("\"ttlSeconds\":30");
  }

  private static String abbreviate(String s) {
    return s.length() > 200 ? s.substring(0, 200) + "…" : s;
  }
}
