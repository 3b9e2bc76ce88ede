package dev.meridian.cli.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.NullNode;
import dev.meridian.cli.CliException;
import dev.meridian.cli.ExitCodes;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A small JSON client of the Meridian HTTP API ({@code /v1}), over {@code java.net.http}. Every
 * failure becomes a {@link CliException} with one line of text: the API's problem detail, or why
 * the API could not be reached.
 */
public final class ApiClient {
  public static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
  public static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);

  /** Retries of a rate-limited request (429), honouring Retry-After, before giving up. */
  public static final int MAX_RETRIES = 5;

  /** The longest Retry-After the client waits for; longer ones fail at once. */
  public static final Duration MAX_RETRY_AFTER = Duration.ofSeconds(10);

  /** Waits between retries; tests pass one that records instead of sleeping. */
  public interface Sleeper {
    void sleep(Duration d) throws InterruptedException;

    Sleeper SYSTEM = Thread::sleep;
  }

  private static final int MAX_ERROR_TEXT = 200;

  private final URI base;
  private final RequestSigner signer;
  private final HttpClient http;
  private final ObjectMapper json;
  private final String unreachableHint;
  private final Sleeper sleeper;

  /**
   * @param unreachableHint appended to "cannot reach" errors, e.g. how to start local mode
   */
  public ApiClient(URI base, RequestSigner signer, ObjectMapper json, String unreachableHint) {
    this(base, signer, json, unreachableHint, Sleeper.SYSTEM);
  }

  public ApiClient(
      URI base, RequestSigner signer, ObjectMapper json, String unreachableHint, Sleeper sleeper) {
    this.sleeper = sleeper;
    this.base = stripTrailingSlash(base);
    this.signer = signer;
    this.json = json;
    this.unreachableHint = unreachableHint == null ? "" : unreachableHint;
    this.http =
        HttpClient.newBuilder()
            .connectTimeout(CONNECT_TIMEOUT)
            .version(HttpClient.Version.HTTP_1_1)
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
  }

  public URI base() {
    return base;
  }

  /** A response: status, body (NullNode when empty) and headers. */
  public record Response(int status, JsonNode body, Map<String, List<String>> headers) {
    public Optional<String> header(String name) {
      List<String> v = headers.get(name.toLowerCase(Locale.ROOT));
      return v == null || v.isEmpty() ? Optional.empty() : Optional.of(v.get(0));
    }
  }

  public JsonNode get(String path) {
    return send("GET", path, null, Map.of()).body();
  }

  public JsonNode post(String path, JsonNode body) {
    return send("POST", path, body, Map.of()).body();
  }

  public JsonNode put(String path, JsonNode body, Map<String, String> headers) {
    return send("PUT", path, body, headers).body();
  }

  public JsonNode patch(String path, JsonNode body) {
    return send("PATCH", path, body, Map.of()).body();
  }

  public JsonNode delete(String path) {
    return send("DELETE", path, null, Map.of()).body();
  }

  /** GET that answers empty instead of failing when the resource does not exist (404). */
  public Optional<JsonNode> find(String path) {
    try {
      return Optional.of(get(path));
    } catch (ApiError e) {
      if (e.status() == 404) {
        return Optional.empty();
      }
      throw e;
    }
  }

  /**
   * Sends a request; throws {@link ApiError} for a non-2xx answer. A 429 (rate limited: the request
   * was not processed) is retried after its Retry-After, as is a 503 of a GET.
   */
  public Response send(String method, String path, JsonNode body, Map<String, String> extra) {
    for (int attempt = 0; ; attempt++) {
      try {
        return sendOnce(method, path, body, extra);
      } catch (ApiError e) {
        boolean retryable = e.status() == 429 || (e.status() == 503 && method.equals("GET"));
        Optional<Duration> wait = e.retryAfter().filter(d -> d.compareTo(MAX_RETRY_AFTER) <= 0);
        if (!retryable || attempt >= MAX_RETRIES || (e.status() == 429 && wait.isEmpty())) {
          throw e;
        }
        try {
          sleeper.sleep(wait.orElse(Duration.ofSeconds(1)));
        } catch (InterruptedException ie) {
          Thread.currentThread().interrupt();
          throw e;
        }
      }
    }
  }

  private Response sendOnce(String method, String path, JsonNode body, Map<String, String> extra) {
    URI uri = URI.create(base + path);
    byte[] payload;
    try {
      payload = body == null ? new byte[0] : json.writeValueAsBytes(body);
    } catch (IOException e) {
      throw new CliException(ExitCodes.FAILURE, "cannot encode the request: " + e.getMessage(), e);
    }
    Map<String, List<String>> headers = new LinkedHashMap<>();
    headers.put("accept", List.of("application/json, application/problem+json"));
    if (body != null) {
      headers.put("content-type", List.of("application/json"));
    }
    extra.forEach((k, v) -> headers.put(k.toLowerCase(Locale.ROOT), List.of(v)));
    headers.putAll(signer.sign(method, uri, headers, payload));

    HttpRequest.Builder b =
        HttpRequest.newBuilder(uri)
            .timeout(REQUEST_TIMEOUT)
            .method(
                method,
                payload.length == 0
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofByteArray(payload));
    headers.forEach((k, vs) -> vs.forEach(v -> b.header(k, v)));
    HttpResponse<byte[]> r;
    try {
      r = http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
    } catch (HttpConnectTimeoutException | ConnectException e) {
      throw unreachable("connection refused or timed out", e);
    } catch (HttpTimeoutException e) {
      throw new CliException(
          ExitCodes.UNREACHABLE,
          "the Meridian API at "
              + base
              + " did not answer within "
              + REQUEST_TIMEOUT.toSeconds()
              + " s",
          e);
    } catch (IOException e) {
      throw unreachable(e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CliException(ExitCodes.FAILURE, "interrupted", e);
    }
    Map<String, List<String>> responseHeaders = new LinkedHashMap<>();
    r.headers().map().forEach((k, v) -> responseHeaders.put(k.toLowerCase(Locale.ROOT), v));
    if (r.statusCode() / 100 != 2) {
      throw error(r.statusCode(), r.body())
          .withRetryAfter(r.headers().firstValue("retry-after").flatMap(ApiClient::seconds));
    }
    JsonNode parsed = NullNode.getInstance();
    if (r.body().length > 0) {
      try {
        parsed = json.readTree(r.body());
      } catch (IOException e) {
        throw new CliException(
            ExitCodes.FAILURE,
            "the API answered "
                + r.statusCode()
                + " with a body that is not JSON: "
                + excerpt(r.body()),
            e);
      }
    }
    return new Response(r.statusCode(), parsed, responseHeaders);
  }

  private CliException unreachable(String why, Exception cause) {
    return new CliException(
        ExitCodes.UNREACHABLE,
        "cannot reach the Meridian API at " + base + " (" + why + ")" + unreachableHint,
        cause);
  }

  private ApiError error(int status, byte[] body) {
    JsonNode problem = null;
    try {
      problem = body.length == 0 ? null : json.readTree(body);
    } catch (IOException notJson) {
      // reported as text below
    }
    if (problem != null && problem.isObject() && (problem.has("title") || problem.has("detail"))) {
      String title = text(problem, "title").orElse("HTTP " + status);
      Optional<String> detail = text(problem, "detail");
      Optional<String> field = text(problem, "field");
      StringBuilder msg = new StringBuilder(title);
      detail
          .filter(d -> !d.equalsIgnoreCase(title))
          .ifPresent(d -> msg.append(": ").append(oneLine(d)));
      field
          .filter(f -> detail.map(d -> !d.contains(f)).orElse(true))
          .ifPresent(f -> msg.append(" (field ").append(f).append(')'));
      return new ApiError(status, text(problem, "type"), field, msg.toString());
    }
    String text = body.length == 0 ? "" : ": " + excerpt(body);
    return new ApiError(status, Optional.empty(), Optional.empty(), "HTTP " + status + text);
  }

  private static Optional<String> text(JsonNode n, String field) {
    JsonNode v = n.get(field);
    return v == null || v.isNull() || v.asText().isBlank()
        ? Optional.empty()
        : Optional.of(v.asText());
  }

  private static Optional<Duration> seconds(String retryAfter) {
    try {
      return Optional.of(Duration.ofSeconds(Math.max(0, Long.parseLong(retryAfter.trim()))));
    } catch (NumberFormatException e) {
      return Optional.empty(); // an HTTP date: not worth waiting for in a CLI
    }
  }

  private static String excerpt(byte[] body) {
    String s = oneLine(new String(body, StandardCharsets.UTF_8));
    return s.length() > MAX_ERROR_TEXT ? s.substring(0, MAX_ERROR_TEXT) + "…" : s;
  }

  private static String oneLine(String s) {
    return s.replaceAll("\\s*[\\r\\n]+\\s*", " ").trim();
  }

  private static URI stripTrailingSlash(URI u) {
    String s = u.toString();
    return s.endsWith("/") ? URI.create(s.substring(0, s.length() - 1)) : u;
  }

  /** Percent-encodes one path segment. */
  public static String seg(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
  }

  /** Builds {@code ?a=b&c=d} from the non-null entries (empty string when none). */
  public static String query(Map<String, ?> params) {
    List<String> parts = new ArrayList<>();
    params.forEach(
        (k, v) -> {
          if (v != null) {
            parts.add(seg(k) + "=" + seg(String.valueOf(v)));
          }
        });
    return parts.isEmpty() ? "" : "?" + String.join("&", parts);
  }
}
