package dev.meridian.api;

import static dev.meridian.api.Seeds.API;
import static dev.meridian.api.Seeds.CNAME;
import static dev.meridian.api.Seeds.MISSING;
import static dev.meridian.api.Seeds.PRIVATE;
import static dev.meridian.api.Seeds.V6;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.meridian.api.ApiTarget.Auth;
import dev.meridian.api.ApiTarget.Response;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The bad-request table: every request here is wrong in one way, and must be answered with the
 * right 4xx problem ({@code application/problem+json}, type, status, field) while the stores stay
 * exactly as they were (same items, no write operation called). The same table runs through the
 * local HTTP server and through the API Gateway proxy handler.
 */
class BadRequestTableTest {
  static final String S = "/v1/services/" + API;
  static final String EP = S + "/endpoints";
  static final String DR = S + "/drills";
  static final String OK_EP = "\"region\":\"us-east-1\",\"address\":\"203.0.113.50\"";

  @TempDir static Path dir;
  static Stores stores;
  static LocalServerTarget local;
  static LambdaTarget lambda;

  @BeforeAll
  static void start() {
    stores = new Stores();
    Seeds.seed(stores);
    TestClock clock = new TestClock(Seeds.NOW);
    local = new LocalServerTarget(stores, clock, dir.resolve("token"), Map.of());
    lambda = new LambdaTarget(stores, clock, Map.of());
  }

  @AfterAll
  static void stop() {
    local.close();
    lambda.close();
  }

  /** One bad request and the problem it must produce. */
  record Case(
      String name,
      String method,
      String path,
      String body,
      Map<String, String> headers,
      Auth auth,
      int status,
      String type,
      String field) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Case c(
      String name, String method, String path, String body, int status, String type, String field) {
    Map<String, String> h = new HashMap<>();
    if (body != null) {
      h.put("Content-Type", "application/json");
    }
    return new Case(name, method, path, body, h, Auth.VALID, status, type, field);
  }

  static Case put(String name, String body, int status, String type, String field) {
    return c(name, "PUT", S, body, status, type, field);
  }

  static Case reg(String name, String path, String fields, int status, String type, String field) {
    return c(name, "POST", path, "{" + fields + "}", status, type, field);
  }

  static Case reg(String name, String fields, String type, String field) {
    return reg(name, EP, fields, 400, type, field);
  }

  static Case auth(String name, String method, String path, String body, Auth auth) {
    Case base = c(name, method, path, body, 401, "unauthorized", null);
    return new Case(name, method, path, body, base.headers(), auth, 401, "unauthorized", null);
  }

  static Case headers(Case c, Map<String, String> extra) {
    Map<String, String> h = new HashMap<>(c.headers());
    h.putAll(extra);
    return new Case(
        c.name(), c.method(), c.path(), c.body(), h, c.auth(), c.status(), c.type(), c.field());
  }

  static Stream<Case> cases() {
    List<Case> t = new ArrayList<>();
    // --- authentication
    t.add(auth("no credentials: read a service", "GET", S, null, Auth.NONE));
    t.add(auth("wrong credentials: read a service", "GET", S, null, Auth.WRONG));
    t.add(auth("other auth scheme: read a service", "GET", S, null, Auth.OTHER_SCHEME));
    t.add(auth("no credentials: replace a service", "PUT", S, "{}", Auth.NONE));
    t.add(
        auth("wrong credentials: replace a service", "PUT", S, "{\"ttlSeconds\":60}", Auth.WRONG));
    t.add(auth("no credentials: register", "POST", EP, "{" + OK_EP + "}", Auth.NONE));
    t.add(
        auth("wrong credentials: delete a service", "DELETE", S + "?force=true", null, Auth.WRONG));
    t.add(auth("no credentials: start a drill", "POST", DR, "{}", Auth.NONE));
    t.add(auth("no credentials: metrics-free route list", "GET", "/v1/services", null, Auth.NONE));
    // --- malformed JSON
    t.add(put("unterminated object", "{", 400, "malformed-json", null));
    t.add(put("not JSON at all", "not json", 400, "malformed-json", null));
    t.add(put("array instead of object", "[]", 400, "malformed-json", null));
    t.add(put("string instead of object", "\"WEIGHTED\"", 400, "malformed-json", null));
    t.add(put("JSON null body", "null", 400, "malformed-json", null));
    t.add(reg("trailing comma", OK_EP + ",", "malformed-json", null));
    t.add(c("empty registration body", "POST", EP, "", 400, "malformed-json", null));
    t.add(
        c("single-quoted JSON", "POST", DR, "{'region':'us-west-2'}", 400, "malformed-json", null));
    t.add(
        c(
            "truncated patch",
            "PATCH",
            EP + "/use1-a",
            "{\"weight\": 1",
            400,
            "malformed-json",
            null));
    t.add(c("number as registration", "POST", EP, "123", 400, "malformed-json", null));
    t.add(
        c(
            "abort with broken body",
            "POST",
            DR + "/d-done/abort",
            "{\"reason\":",
            400,
            "malformed-json",
            null));
    // --- unknown fields
    t.add(put("unknown top-level field", "{\"ttl\":30}", 400, "unknown-field", "ttl"));
    t.add(
        put(
            "unknown nested probe field",
            "{\"probe\":{\"interval\":10}}",
            400,
            "unknown-field",
            "probe.interval"));
    t.add(
        put(
            "unknown nested damping field",
            "{\"damping\":{\"halfLife\":10}}",
            400,
            "unknown-field",
            "damping.halfLife"));
    t.add(
        put(
            "field names are case-sensitive",
            "{\"Policy\":\"WEIGHTED\"}",
            400,
            "unknown-field",
            "Policy"));
    t.add(
        reg(
            "unknown registration field",
            OK_EP + ",\"ip\":\"203.0.113.9\"",
            "unknown-field",
            "ip"));
    t.add(
        c(
            "address is not patchable",
            "PATCH",
            EP + "/use1-a",
            "{\"address\":\"203.0.113.9\"}",
            400,
            "unknown-field",
            "address"));
    t.add(
        c(
            "region is not patchable",
            "PATCH",
            EP + "/use1-a",
            "{\"region\":\"us-west-2\"}",
            400,
            "unknown-field",
            "region"));
    t.add(
        c(
            "unknown drill field",
            "POST",
            DR,
            "{\"region\":\"us-west-2\",\"mode\":\"EVACUATE\",\"force\":true}",
            400,
            "unknown-field",
            "force"));
    t.add(
        c(
            "unknown abort field",
            "POST",
            DR + "/d-done/abort",
            "{\"why\":\"x\"}",
            400,
            "unknown-field",
            "why"));
    // --- wrong JSON types
    t.add(put("ttl as string", "{\"ttlSeconds\":\"30\"}", 400, "invalid-type", "ttlSeconds"));
    t.add(put("ttl as fraction", "{\"ttlSeconds\":30.5}", 400, "invalid-type", "ttlSeconds"));
    t.add(put("quorum as boolean", "{\"quorum\":true}", 400, "invalid-type", "quorum"));
    t.add(
        put(
            "allowPrivateTargets as string",
            "{\"allowPrivateTargets\":\"yes\"}",
            400,
            "invalid-type",
            "allowPrivateTargets"));
    t.add(
        put(
            "failoverPriority as string",
            "{\"failoverPriority\":\"us-east-1\"}",
            400,
            "invalid-type",
            "failoverPriority"));
    t.add(
        put(
            "failoverPriority element as number",
            "{\"failoverPriority\":[1]}",
            400,
            "invalid-type",
            "failoverPriority[0]"));
    t.add(put("probe as number", "{\"probe\":5}", 400, "invalid-type", "probe"));
    t.add(
        put(
            "probe.rise as string",
            "{\"probe\":{\"rise\":\"2\"}}",
            400,
            "invalid-type",
            "probe.rise"));
    t.add(
        put(
            "maxStepIncrease as string",
            "{\"maxStepIncrease\":\"0.5\"}",
            400,
            "invalid-type",
            "maxStepIncrease"));
    t.add(put("policy as number", "{\"policy\":1}", 400, "invalid-type", "policy"));
    t.add(
        put(
            "damping.enabled as number",
            "{\"damping\":{\"enabled\":1}}",
            400,
            "invalid-type",
            "damping.enabled"));
    t.add(
        put(
            "deeply nested value",
            "{\"probe\":{\"rise\":[[[[[1]]]]]}}",
            400,
            "invalid-type",
            "probe.rise"));
    t.add(reg("port as string", OK_EP + ",\"port\":\"8080\"", "invalid-type", "port"));
    t.add(reg("weight as array", OK_EP + ",\"weight\":[]", "invalid-type", "weight"));
    t.add(
        reg("tlsVerify as string", OK_EP + ",\"tlsVerify\":\"true\"", "invalid-type", "tlsVerify"));
    t.add(
        reg(
            "address as number",
            "\"region\":\"us-east-1\",\"address\":12",
            "invalid-type",
            "address"));
    t.add(
        reg(
            "region as object",
            "\"region\":{},\"address\":\"203.0.113.50\"",
            "invalid-type",
            "region"));
    t.add(
        c(
            "patch weight as string",
            "PATCH",
            EP + "/use1-a",
            "{\"weight\":\"10\"}",
            400,
            "invalid-type",
            "weight"));
    t.add(
        c(
            "patch state as boolean",
            "PATCH",
            EP + "/use1-a",
            "{\"state\":false}",
            400,
            "invalid-type",
            "state"));
    t.add(
        c(
            "shiftPercent as string",
            "POST",
            DR,
            "{\"region\":\"us-west-2\",\"mode\":\"SHIFT\",\"shiftPercent\":\"30\"}",
            400,
            "invalid-type",
            "shiftPercent"));
    t.add(
        c(
            "dryRun as string",
            "POST",
            DR,
            "{\"region\":\"us-west-2\",\"mode\":\"EVACUATE\",\"dryRun\":\"true\"}",
            400,
            "invalid-type",
            "dryRun"));
    // --- enum values
    t.add(put("unknown policy", "{\"policy\":\"ROUND_ROBIN\"}", 400, "invalid-value", "policy"));
    t.add(put("lower-case policy", "{\"policy\":\"weighted\"}", 400, "invalid-value", "policy"));
    t.add(
        put(
            "unsupported record type",
            "{\"recordType\":\"MX\"}",
            400,
            "invalid-value",
            "recordType"));
    t.add(put("TXT is reserved", "{\"recordType\":\"TXT\"}", 400, "invalid-value", "recordType"));
    t.add(put("unknown fail mode", "{\"failMode\":\"CLOSED\"}", 400, "invalid-value", "failMode"));
    t.add(
        put(
            "policy with a NUL byte",
            "{\"policy\":\"WEIGHTED\\u0000\"}",
            400,
            "invalid-value",
            "policy"));
    t.add(reg("unknown protocol", OK_EP + ",\"protocol\":\"UDP\"", "invalid-value", "protocol"));
    t.add(
        reg("unknown endpoint state", OK_EP + ",\"state\":\"DELETED\"", "invalid-value", "state"));
    t.add(
        c(
            "unknown drill mode",
            "POST",
            DR,
            "{\"region\":\"us-west-2\",\"mode\":\"FAILOVER\"}",
            400,
            "invalid-value",
            "mode"));
    // --- out-of-range service settings (the core's rules)
    t.add(put("negative ttl", "{\"ttlSeconds\":-1}", 400, "invalid-value", "ttlSeconds"));
    t.add(put("ttl over a day", "{\"ttlSeconds\":86401}", 400, "invalid-value", "ttlSeconds"));
    t.add(
        put(
            "ttl beyond int range",
            "{\"ttlSeconds\":99999999999}",
            400,
            "invalid-value",
            "ttlSeconds"));
    t.add(put("ttl not finite", "{\"ttlSeconds\":1e400}", 400, "invalid-value", "ttlSeconds"));
    t.add(put("quorum zero", "{\"quorum\":0}", 400, "invalid-value", "quorum"));
    t.add(put("quorum too large", "{\"quorum\":17}", 400, "invalid-value", "quorum"));
    t.add(
        put(
            "probe interval zero",
            "{\"probe\":{\"intervalSeconds\":0}}",
            400,
            "invalid-value",
            "probe.intervalSeconds"));
    t.add(
        put(
            "probe interval over 5 min",
            "{\"probe\":{\"intervalSeconds\":301}}",
            400,
            "invalid-value",
            "probe.intervalSeconds"));
    t.add(
        put(
            "probe timeout over interval",
            "{\"probe\":{\"timeoutMillis\":20000}}",
            400,
            "invalid-value",
            "probe.timeoutMillis"));
    t.add(put("probe rise 11", "{\"probe\":{\"rise\":11}}", 400, "invalid-value", "probe.rise"));
    t.add(put("probe fall 0", "{\"probe\":{\"fall\":0}}", 400, "invalid-value", "probe.fall"));
    t.add(
        put(
            "staleness below interval",
            "{\"stalenessSeconds\":5}",
            400,
            "invalid-value",
            "stalenessSeconds"));
    t.add(
        put(
            "negative hold-down",
            "{\"holdDownSeconds\":-1}",
            400,
            "invalid-value",
            "holdDownSeconds"));
    t.add(put("negative ramp", "{\"rampSeconds\":-1}", 400, "invalid-value", "rampSeconds"));
    t.add(put("negative drain", "{\"drainSeconds\":-1}", 400, "invalid-value", "drainSeconds"));
    t.add(
        put(
            "drain longer than a day",
            "{\"drainSeconds\":86401}",
            400,
            "invalid-value",
            "drainSeconds"));
    t.add(
        put("drain as a string", "{\"drainSeconds\":\"2m\"}", 400, "invalid-type", "drainSeconds"));
    t.add(
        put(
            "step increase zero",
            "{\"maxStepIncrease\":0}",
            400,
            "invalid-value",
            "maxStepIncrease"));
    t.add(
        put(
            "panic threshold over 1",
            "{\"panicThreshold\":1.5}",
            400,
            "invalid-value",
            "panicThreshold"));
    t.add(
        put(
            "drill headroom 0.95",
            "{\"drillHeadroom\":0.95}",
            400,
            "invalid-value",
            "drillHeadroom"));
    t.add(
        put(
            "negative expected load",
            "{\"expectedLoad\":-5}",
            400,
            "invalid-value",
            "expectedLoad"));
    t.add(
        put(
            "reuse above suppress",
            "{\"damping\":{\"reuseThreshold\":5000}}",
            400,
            "invalid-value",
            "damping.suppressThreshold"));
    t.add(
        put(
            "damping half-life zero",
            "{\"damping\":{\"halfLifeSeconds\":0}}",
            400,
            "invalid-value",
            "damping.halfLifeSeconds"));
    t.add(
        put(
            "damping penalty zero",
            "{\"damping\":{\"penalty\":0}}",
            400,
            "invalid-value",
            "damping.penalty"));
    t.add(
        put(
            "FAILOVER without priorities",
            "{\"policy\":\"FAILOVER\"}",
            400,
            "invalid-value",
            "failoverPriority"));
    t.add(
        put(
            "duplicate failover region",
            "{\"policy\":\"FAILOVER\",\"failoverPriority\":[\"us-east-1\",\"us-east-1\"]}",
            400,
            "invalid-value",
            "failoverPriority"));
    t.add(
        put(
            "MULTIVALUE with CNAME",
            "{\"policy\":\"MULTIVALUE\",\"recordType\":\"CNAME\"}",
            400,
            "invalid-value",
            "recordType"));
    t.add(
        put(
            "failover region not a region code",
            "{\"failoverPriority\":[\"us-east\"]}",
            400,
            "invalid-value",
            "failoverPriority[0]"));
    t.add(
        put(
            "failover region upper-case",
            "{\"failoverPriority\":[\"us-west-2\",\"US-EAST-1\"]}",
            400,
            "invalid-value",
            "failoverPriority[1]"));
    t.add(
        put(
            "record type that misfits the endpoints",
            "{\"recordType\":\"AAAA\"}",
            400,
            "invalid-value",
            "recordType"));
    t.add(
        c(
            "disallowing private targets in use",
            "PUT",
            "/v1/services/" + PRIVATE,
            "{\"allowPrivateTargets\":false}",
            400,
            "forbidden-target",
            "allowPrivateTargets"));
    // --- bad service names in the path
    t.add(
        c(
            "single-label service name",
            "PUT",
            "/v1/services/localhost",
            "{}",
            400,
            "invalid-value",
            "service"));
    t.add(
        c(
            "service label starting with a hyphen",
            "PUT",
            "/v1/services/-bad.example.com",
            "{}",
            400,
            "invalid-value",
            "service"));
    t.add(
        c(
            "underscore in service name",
            "PUT",
            "/v1/services/bad_name.example.com",
            "{}",
            400,
            "invalid-value",
            "service"));
    t.add(
        c(
            "numeric top-level label",
            "PUT",
            "/v1/services/api.example.123",
            "{}",
            400,
            "invalid-value",
            "service"));
    t.add(
        c(
            "64-character label",
            "PUT",
            "/v1/services/" + "a".repeat(64) + ".example.com",
            "{}",
            400,
            "invalid-value",
            "service"));
    t.add(
        c(
            "space in service name",
            "GET",
            "/v1/services/exa%20mple.com",
            null,
            400,
            "invalid-value",
            "service"));
    t.add(
        c(
            "bad service name on register",
            "POST",
            "/v1/services/bad_name.example.com/endpoints",
            "{" + OK_EP + "}",
            400,
            "invalid-value",
            "service"));
    t.add(
        c(
            "bad endpoint id in path",
            "GET",
            EP + "/UPPER",
            null,
            400,
            "invalid-value",
            "endpointId"));
    t.add(c("bad drill id in path", "GET", DR + "/bad_id", null, 400, "invalid-value", "drillId"));
    // --- endpoint registration values
    t.add(reg("missing region", "\"address\":\"203.0.113.50\"", "invalid-value", "region"));
    t.add(reg("missing address", "\"region\":\"us-east-1\"", "invalid-value", "address"));
    t.add(
        reg(
            "unknown region",
            "\"region\":\"mars-1\",\"address\":\"203.0.113.50\"",
            "invalid-value",
            "region"));
    t.add(
        reg(
            "IPv4 octet out of range",
            "\"region\":\"us-east-1\",\"address\":\"999.1.1.1\"",
            "invalid-value",
            "address"));
    t.add(
        reg(
            "underscore in host name",
            "\"region\":\"us-east-1\",\"address\":\"exa_mple.com\"",
            "invalid-value",
            "address"));
    t.add(
        reg(
            "empty address",
            "\"region\":\"us-east-1\",\"address\":\"\"",
            "invalid-value",
            "address"));
    t.add(
        reg(
            "bad IPv6 literal",
            "\"region\":\"us-east-1\",\"address\":\"2001:db8::g\"",
            "invalid-value",
            "address"));
    t.add(reg("port zero", OK_EP + ",\"port\":0", "invalid-value", "port"));
    t.add(reg("port 65536", OK_EP + ",\"port\":65536", "invalid-value", "port"));
    t.add(reg("TCP without port", OK_EP + ",\"protocol\":\"TCP\"", "invalid-value", "port"));
    t.add(reg("weight 256", OK_EP + ",\"weight\":256", "invalid-value", "weight"));
    t.add(reg("negative weight", OK_EP + ",\"weight\":-1", "invalid-value", "weight"));
    t.add(reg("capacity zero", OK_EP + ",\"capacity\":0", "invalid-value", "capacity"));
    t.add(
        reg(
            "health path without slash",
            OK_EP + ",\"healthPath\":\"health\"",
            "invalid-value",
            "healthPath"));
    t.add(
        reg(
            "health path with a space",
            OK_EP + ",\"healthPath\":\"/he alth\"",
            "invalid-value",
            "healthPath"));
    t.add(
        reg(
            "expected status 600",
            OK_EP + ",\"expectedStatus\":\"600\"",
            "invalid-value",
            "expectedStatus"));
    t.add(
        reg(
            "expected status reversed",
            OK_EP + ",\"expectedStatus\":\"300-200\"",
            "invalid-value",
            "expectedStatus"));
    t.add(
        reg(
            "expected status not a number",
            OK_EP + ",\"expectedStatus\":\"ok\"",
            "invalid-value",
            "expectedStatus"));
    t.add(
        reg(
            "host header with a space",
            OK_EP + ",\"hostHeader\":\"bad host\"",
            "invalid-value",
            "hostHeader"));
    t.add(
        reg(
            "host header is an IP",
            OK_EP + ",\"hostHeader\":\"10.0.0.1\"",
            "invalid-value",
            "hostHeader"));
    t.add(
        reg(
            "bodyContains too long",
            OK_EP + ",\"bodyContains\":\"" + "x".repeat(300) + "\"",
            "invalid-value",
            "bodyContains"));
    t.add(reg("upper-case endpoint id", OK_EP + ",\"id\":\"UPPER\"", "invalid-value", "id"));
    t.add(reg("endpoint id with leading hyphen", OK_EP + ",\"id\":\"-x\"", "invalid-value", "id"));
    t.add(
        reg(
            "client token with a space",
            OK_EP + ",\"clientToken\":\"a b\"",
            "invalid-value",
            "clientToken"));
    t.add(
        reg(
            "IPv6 address for an A service",
            "\"region\":\"us-east-1\",\"address\":\"2001:db8::1\"",
            "invalid-value",
            "address"));
    t.add(
        reg(
            "IPv4 address for a CNAME service",
            "/v1/services/" + CNAME + "/endpoints",
            OK_EP,
            400,
            "invalid-value",
            "address"));
    t.add(
        reg(
            "host name for an AAAA service",
            "/v1/services/" + V6 + "/endpoints",
            "\"region\":\"us-east-1\",\"address\":\"app.example.net\"",
            400,
            "invalid-value",
            "address"));
    t.add(
        c(
            "patch weight 256",
            "PATCH",
            EP + "/use1-a",
            "{\"weight\":256}",
            400,
            "invalid-value",
            "weight"));
    t.add(
        c(
            "patch capacity zero",
            "PATCH",
            EP + "/use1-a",
            "{\"capacity\":0}",
            400,
            "invalid-value",
            "capacity"));
    t.add(
        c(
            "patch health path",
            "PATCH",
            EP + "/use1-a",
            "{\"healthPath\":\"nope\"}",
            400,
            "invalid-value",
            "healthPath"));
    t.add(
        c(
            "patch expected status",
            "PATCH",
            EP + "/use1-a",
            "{\"expectedStatus\":\"99\"}",
            400,
            "invalid-value",
            "expectedStatus"));
    t.add(
        c(
            "patch host header",
            "PATCH",
            EP + "/use1-a",
            "{\"hostHeader\":\"a..b\"}",
            400,
            "invalid-value",
            "hostHeader"));
    // --- probe targets: link-local, metadata, private
    String v6 = "/v1/services/" + V6 + "/endpoints";
    String cn = "/v1/services/" + CNAME + "/endpoints";
    String pv = "/v1/services/" + PRIVATE + "/endpoints";
    t.add(
        reg(
            "EC2 metadata address",
            "\"region\":\"us-east-1\",\"address\":\"169.254.169.254\"",
            "forbidden-target",
            "address"));
    t.add(
        reg(
            "IPv4 link-local",
            "\"region\":\"us-east-1\",\"address\":\"169.254.1.1\"",
            "forbidden-target",
            "address"));
    t.add(
        reg(
            "metadata even where private targets are allowed",
            pv,
            "\"region\":\"us-east-1\",\"address\":\"169.254.169.254\"",
            400,
            "forbidden-target",
            "address"));
    t.add(
        reg(
            "IPv6 link-local",
            v6,
            "\"region\":\"us-east-1\",\"address\":\"fe80::1\"",
            400,
            "forbidden-target",
            "address"));
    t.add(
        reg(
            "EC2 IPv6 metadata",
            v6,
            "\"region\":\"us-east-1\",\"address\":\"fd00:ec2::254\"",
            400,
            "forbidden-target",
            "address"));
    t.add(
        reg(
            "IPv4-mapped metadata",
            v6,
            "\"region\":\"us-east-1\",\"address\":\"::ffff:169.254.169.254\"",
            400,
            "forbidden-target",
            "address"));
    t.add(
        reg(
            "IPv6 multicast",
            v6,
            "\"region\":\"us-east-1\",\"address\":\"ff02::1\"",
            400,
            "forbidden-target",
            "address"));
    t.add(
        reg(
            "IPv6 loopback",
            v6,
            "\"region\":\"us-east-1\",\"address\":\"::1\"",
            400,
            "forbidden-target",
            "address"));
    t.add(
        reg(
            "IPv6 unique local",
            v6,
            "\"region\":\"us-east-1\",\"address\":\"fd12:3456::1\"",
            400,
            "forbidden-target",
            "address"));
    t.add(
        reg(
            "loopback",
            "\"region\":\"us-east-1\",\"address\":\"127.0.0.1\"",
            "forbidden-target",
            "address"));
    t.add(
        reg(
            "private 10/8",
            "\"region\":\"us-east-1\",\"address\":\"10.1.2.3\"",
            "forbidden-target",
            "address"));
    t.add(
        reg(
            "private 172.16/12",
            "\"region\":\"us-east-1\",\"address\":\"172.16.5.4\"",
            "forbidden-target",
            "address"));
    t.add(
        reg(
            "private 192.168/16",
            "\"region\":\"us-east-1\",\"address\":\"192.168.0.10\"",
            "forbidden-target",
            "address"));
    t.add(
        reg(
            "shared address space 100.64/10",
            "\"region\":\"us-east-1\",\"address\":\"100.64.0.1\"",
            "forbidden-target",
            "address"));
    t.add(
        reg(
            "this-network 0.0.0.0",
            "\"region\":\"us-east-1\",\"address\":\"0.0.0.0\"",
            "forbidden-target",
            "address"));
    t.add(
        reg(
            "IPv4 multicast",
            "\"region\":\"us-east-1\",\"address\":\"224.0.0.1\"",
            "forbidden-target",
            "address"));
    t.add(
        reg(
            "broadcast",
            "\"region\":\"us-east-1\",\"address\":\"255.255.255.255\"",
            "forbidden-target",
            "address"));
    t.add(
        reg(
            "localhost by name",
            cn,
            "\"region\":\"us-east-1\",\"address\":\"localhost\"",
            400,
            "forbidden-target",
            "address"));
    t.add(
        reg(
            "GCP metadata host name",
            cn,
            "\"region\":\"us-east-1\",\"address\":\"metadata.google.internal\"",
            400,
            "forbidden-target",
            "address"));
    t.add(
        reg(
            "EC2 instance-data host name",
            cn,
            "\"region\":\"us-east-1\",\"address\":\"instance-data.ec2.internal\"",
            400,
            "forbidden-target",
            "address"));
    // --- body size, media type, routes, methods
    t.add(
        put(
            "body over 64 KiB",
            "{\"policy\":\"WEIGHTED\",\"x\":\"" + "a".repeat(70_000) + "\"}",
            413,
            "payload-too-large",
            null));
    t.add(
        reg(
                    "registration over 64 KiB",
                    OK_EP + ",\"bodyContains\":\"" + "b".repeat(100_000) + "\"",
                    "payload-too-large",
                    null)
                instanceof Case x
            ? new Case(
                x.name(),
                x.method(),
                x.path(),
                x.body(),
                x.headers(),
                x.auth(),
                413,
                x.type(),
                null)
            : null);
    t.add(
        put(
            "one-megabyte body",
            "{\"x\":\"" + "c".repeat(1_048_576) + "\"}",
            413,
            "payload-too-large",
            null));
    t.add(
        put(
            "64 KiB of whitespace",
            "{" + " ".repeat(65_600) + "}",
            413,
            "payload-too-large",
            null));
    t.add(
        headers(
            put("text/plain body", "{}", 415, "unsupported-media-type", null),
            Map.of("Content-Type", "text/plain")));
    t.add(
        headers(
            reg("XML registration", OK_EP, "unsupported-media-type", null) instanceof Case x
                ? new Case(
                    x.name(),
                    x.method(),
                    x.path(),
                    x.body(),
                    x.headers(),
                    x.auth(),
                    415,
                    x.type(),
                    null)
                : null,
            Map.of("Content-Type", "application/xml")));
    t.add(c("unknown route", "GET", "/v1/nope", null, 404, "not-found", null));
    t.add(c("unversioned route", "GET", "/services/" + API, null, 404, "not-found", null));
    t.add(
        c(
            "DELETE on the collection",
            "DELETE",
            "/v1/services",
            null,
            405,
            "method-not-allowed",
            null));
    t.add(c("PATCH a service", "PATCH", S, "{}", 405, "method-not-allowed", null));
    t.add(c("PUT an endpoint", "PUT", EP + "/use1-a", "{}", 405, "method-not-allowed", null));
    // --- things that do not exist
    t.add(
        c(
            "read a missing service",
            "GET",
            "/v1/services/" + MISSING,
            null,
            404,
            "not-found",
            null));
    t.add(
        c(
            "register on a missing service",
            "POST",
            "/v1/services/" + MISSING + "/endpoints",
            "{" + OK_EP + "}",
            404,
            "not-found",
            null));
    t.add(
        c(
            "delete a missing service",
            "DELETE",
            "/v1/services/" + MISSING,
            null,
            404,
            "not-found",
            null));
    t.add(
        c(
            "status of a missing service",
            "GET",
            "/v1/services/" + MISSING + "/status",
            null,
            404,
            "not-found",
            null));
    t.add(
        c(
            "plan of a missing service",
            "GET",
            "/v1/services/" + MISSING + "/plan",
            null,
            404,
            "not-found",
            null));
    t.add(
        c(
            "events of a missing service",
            "GET",
            "/v1/services/" + MISSING + "/events",
            null,
            404,
            "not-found",
            null));
    t.add(
        c(
            "drill on a missing service",
            "POST",
            "/v1/services/" + MISSING + "/drills",
            "{\"region\":\"us-east-1\",\"mode\":\"EVACUATE\"}",
            404,
            "not-found",
            null));
    t.add(c("read a missing endpoint", "GET", EP + "/nope", null, 404, "not-found", null));
    t.add(
        c(
            "patch a missing endpoint",
            "PATCH",
            EP + "/nope",
            "{\"weight\":1}",
            404,
            "not-found",
            null));
    t.add(c("delete a missing endpoint", "DELETE", EP + "/nope", null, 404, "not-found", null));
    t.add(c("drain a missing endpoint", "POST", EP + "/nope/drain", null, 404, "not-found", null));
    t.add(c("read a missing drill", "GET", DR + "/d-nope", null, 404, "not-found", null));
    t.add(c("abort a missing drill", "POST", DR + "/d-nope/abort", "{}", 404, "not-found", null));
    // --- conflicts and preconditions
    t.add(
        headers(
            put(
                "stale If-Match on replace",
                "{\"ttlSeconds\":60}",
                412,
                "precondition-failed",
                "If-Match"),
            Map.of("If-Match", "\"7\"")));
    t.add(
        headers(
            put(
                "If-Match 0 on an existing service",
                "{\"ttlSeconds\":60}",
                412,
                "precondition-failed",
                "If-Match"),
            Map.of("If-Match", "0")));
    t.add(
        headers(
            put("If-Match not a version", "{\"ttlSeconds\":60}", 400, "invalid-value", "If-Match"),
            Map.of("If-Match", "abc")));
    t.add(
        headers(
            c(
                "stale If-Match on patch",
                "PATCH",
                EP + "/use1-a",
                "{\"weight\":10}",
                412,
                "precondition-failed",
                "If-Match"),
            Map.of("If-Match", "\"9\"")));
    t.add(
        headers(
            c(
                "stale If-Match on delete",
                "DELETE",
                EP + "/use1-a",
                null,
                412,
                "precondition-failed",
                "If-Match"),
            Map.of("If-Match", "\"9\"")));
    t.add(
        headers(
            c("If-Match garbage on delete", "DELETE", S, null, 400, "invalid-value", "If-Match"),
            Map.of("If-Match", "W/x")));
    t.add(c("delete a service that has endpoints", "DELETE", S, null, 409, "conflict", null));
    t.add(
        c(
            "force flag not a boolean",
            "DELETE",
            S + "?force=maybe",
            null,
            400,
            "invalid-value",
            "force"));
    t.add(
        reg(
            "same id, different definition",
            EP,
            "\"id\":\"use1-a\",\"region\":\"us-east-1\",\"address\":\"203.0.113.99\"",
            409,
            "conflict",
            null));
    t.add(
        reg(
            "another id on the same address and port",
            EP,
            "\"id\":\"dup\",\"region\":\"us-east-1\",\"address\":\"203.0.113.10\"",
            409,
            "conflict",
            null));
    t.add(
        c(
            "drain a DISABLED endpoint",
            "POST",
            EP + "/use1-off/drain",
            null,
            409,
            "conflict",
            null));
    t.add(c("abort a finished drill", "POST", DR + "/d-done/abort", "{}", 409, "conflict", null));
    // --- query parameters
    t.add(
        c("events limit zero", "GET", S + "/events?limit=0", null, 400, "invalid-value", "limit"));
    t.add(
        c(
            "events limit not a number",
            "GET",
            S + "/events?limit=abc",
            null,
            400,
            "invalid-value",
            "limit"));
    t.add(
        c(
            "events limit too large",
            "GET",
            S + "/events?limit=100000",
            null,
            400,
            "invalid-value",
            "limit"));
    t.add(
        c(
            "events cursor with a space",
            "GET",
            S + "/events?cursor=a%20b",
            null,
            400,
            "invalid-value",
            "cursor"));
    // --- drills
    String evac = "\"region\":\"us-west-2\",\"mode\":\"EVACUATE\"";
    t.add(
        c(
            "drill without region",
            "POST",
            DR,
            "{\"mode\":\"EVACUATE\"}",
            400,
            "invalid-value",
            "region"));
    t.add(
        c(
            "drill without mode",
            "POST",
            DR,
            "{\"region\":\"us-west-2\"}",
            400,
            "invalid-value",
            "mode"));
    t.add(
        c(
            "drill region not a region",
            "POST",
            DR,
            "{\"region\":\"nowhere\",\"mode\":\"EVACUATE\"}",
            400,
            "invalid-value",
            "region"));
    t.add(
        c(
            "SHIFT without percent",
            "POST",
            DR,
            "{\"region\":\"us-west-2\",\"mode\":\"SHIFT\"}",
            400,
            "invalid-value",
            "shiftPercent"));
    t.add(
        c(
            "SHIFT 0 %",
            "POST",
            DR,
            "{\"region\":\"us-west-2\",\"mode\":\"SHIFT\",\"shiftPercent\":0}",
            400,
            "invalid-value",
            "shiftPercent"));
    t.add(
        c(
            "SHIFT 101 %",
            "POST",
            DR,
            "{\"region\":\"us-west-2\",\"mode\":\"SHIFT\",\"shiftPercent\":101}",
            400,
            "invalid-value",
            "shiftPercent"));
    t.add(
        c(
            "EVACUATE with a percent",
            "POST",
            DR,
            "{" + evac + ",\"shiftPercent\":50}",
            400,
            "invalid-value",
            "shiftPercent"));
    t.add(
        c(
            "drill of 10 seconds",
            "POST",
            DR,
            "{" + evac + ",\"durationSeconds\":10}",
            400,
            "invalid-value",
            "durationSeconds"));
    t.add(
        c(
            "drill over a day",
            "POST",
            DR,
            "{" + evac + ",\"durationSeconds\":90000}",
            400,
            "invalid-value",
            "durationSeconds"));
    t.add(
        c(
            "startAt not ISO-8601",
            "POST",
            DR,
            "{" + evac + ",\"startAt\":\"tomorrow\"}",
            400,
            "invalid-value",
            "startAt"));
    t.add(
        c(
            "startAt two months ahead",
            "POST",
            DR,
            "{" + evac + ",\"startAt\":\"2027-02-01T00:00:00Z\"}",
            400,
            "invalid-value",
            "startAt"));
    t.add(
        c(
            "drill reason over 500 chars",
            "POST",
            DR,
            "{" + evac + ",\"reason\":\"" + "r".repeat(501) + "\"}",
            400,
            "invalid-value",
            "reason"));
    t.add(
        c(
            "abort reason over 500 chars",
            "POST",
            DR + "/d-done/abort",
            "{\"reason\":\"" + "r".repeat(501) + "\"}",
            400,
            "invalid-value",
            "reason"));
    t.add(
        c(
            "dry run refused: region without endpoints",
            "POST",
            DR,
            "{\"region\":\"eu-west-1\",\"mode\":\"EVACUATE\",\"dryRun\":true}",
            409,
            "drill-refused",
            null));
    t.add(
        c(
            "dry run refused: no healthy capacity elsewhere",
            "POST",
            DR,
            "{\"region\":\"us-east-1\",\"mode\":\"EVACUATE\",\"dryRun\":true}",
            409,
            "drill-refused",
            null));
    t.add(
        c(
            "dry run refused: already expired",
            "POST",
            DR,
            "{"
                + evac
                + ",\"startAt\":\"2026-11-01T00:00:00Z\",\"durationSeconds\":60,\"dryRun\":true}",
            409,
            "drill-refused",
            null));
    return t.stream();
  }

  @Test
  void theTableHasAtLeastOneHundredDistinctCases() {
    List<Case> all = cases().toList();
    Set<String> names = new HashSet<>();
    all.forEach(x -> assertThat(names.add(x.name())).as("duplicate case " + x.name()).isTrue());
    assertThat(all).hasSizeGreaterThanOrEqualTo(100);
  }

  @ParameterizedTest(name = "[local server] {0}")
  @MethodSource("cases")
  void localServer(Case c) {
    check(local, c);
  }

  @ParameterizedTest(name = "[API Gateway proxy] {0}")
  @MethodSource("cases")
  void apiGatewayProxy(Case c) {
    check(lambda, c);
  }

  private static void check(ApiTarget target, Case c) {
    Stores.Snapshot before = stores.snapshot();
    Response r = target.send(c.method(), c.path(), c.body(), c.headers(), c.auth());
    assertThat(r.status()).as("status of %s", r).isEqualTo(c.status());
    assertThat(r.header("content-type"))
        .as("content type of %s", r)
        .startsWith("application/problem+json");
    JsonNode p = r.json();
    assertThat(p.path("type").asText()).isEqualTo("https://meridian.dev/problems/" + c.type());
    assertThat(p.path("status").asInt()).isEqualTo(c.status());
    assertThat(p.path("title").asText()).isNotBlank();
    assertThat(p.hasNonNull("field") ? p.get("field").asText() : null)
        .as("field of %s", r)
        .isEqualTo(c.field());
    assertThat(p.path("detail").asText())
        .isNotBlank()
        .doesNotContain("Exception")
        .doesNotContain("\tat ")
        .doesNotContain(local.token());
    if (c.status() == 401 && target == local) {
      assertThat(r.header("www-authenticate")).startsWith("Bearer realm=\"meridian\"");
    }
    assertThat(stores.snapshot()).as("stores after %s", c.name()).isEqualTo(before);
  }
}
