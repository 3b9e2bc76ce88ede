package dev.meridian.cli.api;

import java.net.URI;
import java.util.List;
import java.util.Map;

/** Adds authentication headers to an API request just before it is sent. */
public interface RequestSigner {
  /**
   * @param headers the headers the request already carries (lower-case names)
   * @return the headers to add
   */
  Map<String, List<String>> sign(
      String method, URI uri, Map<String, List<String>> headers, byte[] body);

  /** A bearer token (local mode). */
  static RequestSigner bearer(String token) {
    return (method, uri, headers, body) -> Map.of("authorization", List.of("Bearer " + token));
  }

  /** No authentication (the API will answer 401 if it wants some). */
  RequestSigner NONE = (method, uri, headers, body) -> Map.of();
}
