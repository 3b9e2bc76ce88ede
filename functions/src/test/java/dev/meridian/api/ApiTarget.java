package dev.meridian.api;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * One way of reaching the API in tests: the local HTTP server or the API Gateway proxy handler. The
 * same request table runs against both.
 */
public interface ApiTarget extends AutoCloseable {
  /** Jackson databind, as the CLI reads the DTOs. Unknown response fields are ignored there too. */
  ObjectMapper JACKSON =
      new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

  /** How the request authenticates. */
  enum Auth {
    /** Valid credentials: the bearer token locally, an IAM principal on the Lambda path. */
    VALID,
    /** No credentials at all. */
    NONE,
    /** Credentials present but wrong (bad token; an IAM context without a principal). */
    WRONG,
    /** A non-bearer Authorization scheme locally; no IAM context on the Lambda path. */
    OTHER_SCHEME
  }

  Response send(String method, String path, String body, Map<String, String> headers, Auth auth);

  default Response send(String method, String path, String body) {
    return send(
        method,
        path,
        body,
        body == null ? Map.of() : Map.of("Content-Type", "application/json"),
        Auth.VALID);
  }

  /** The name shown in test reports. */
  String name();

  @Override
  void close();

  /** A response; header names are lower-cased. */
  record Response(int status, Map<String, String> headers, String body) {
    public Response {
      Map<String, String> h = new TreeMap<>();
      headers.forEach((k, v) -> h.put(k.toLowerCase(Locale.ROOT), v));
      headers = h;
    }

    public String header(String name) {
      return headers.get(name.toLowerCase(Locale.ROOT));
    }

    public JsonNode json() {
      try {
        return JACKSON.readTree(body);
      } catch (IOException e) {
        throw new UncheckedIOException("not JSON: " + body, e);
      }
    }

    public <T> T as(Class<T> type) {
      try {
        return JACKSON.readValue(body, type);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read " + type.getSimpleName() + " from " + body, e);
      }
    }

    @Override
    public String toString() {
      return status + " " + headers.get("content-type") + " " + body;
    }
  }
}
