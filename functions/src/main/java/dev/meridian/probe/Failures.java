package dev.meridian.probe;

import java.io.EOFException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.util.Locale;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import javax.net.ssl.SSLException;

/**
 * Turns I/O exceptions into the short probe failure reasons stored in health records and shown to
 * operators. Reasons are few and stable (they end up in logs and explanations, never as metric
 * dimensions); exception messages are not copied verbatim because they can be long and carry
 * internal detail.
 */
final class Failures {
  private Failures() {}

  static final String TIMEOUT = "timeout";
  static final String CONNECT_TIMEOUT = "connect timeout";
  static final String REFUSED = "connection refused";
  static final String RESET = "connection reset";
  static final String CLOSED = "connection closed before response";
  static final String BODY_MISMATCH = "body does not contain the expected text";

  static String status(int code) {
    return "status " + code;
  }

  static String forbidden(String detail) {
    return "forbidden target " + detail;
  }

  static String dns(String host) {
    return "dns: cannot resolve " + host;
  }

  static String of(Throwable t) {
    Throwable c = unwrap(t);
    String msg = messages(c);
    if (c instanceof HttpConnectTimeoutException) {
      return CONNECT_TIMEOUT;
    }
    if (c instanceof HttpTimeoutException || c instanceof SocketTimeoutException) {
      return msg.contains("connect") ? CONNECT_TIMEOUT : TIMEOUT;
    }
    if (c instanceof ConnectException) {
      return msg.contains("timed out") ? CONNECT_TIMEOUT : REFUSED;
    }
    if (c instanceof NoRouteToHostException) {
      return "no route to host";
    }
    if (c instanceof SSLException || hasCause(c, SSLException.class)) {
      if (msg.contains("pkix") || msg.contains("certification path") || msg.contains("trust")) {
        return "tls: untrusted certificate";
      }
      if (msg.contains("subject alternative") || msg.contains("no name matching")) {
        return "tls: certificate does not match the host name";
      }
      if (msg.contains("expired") || msg.contains("validity")) {
        return "tls: certificate expired or not yet valid";
      }
      if (msg.contains("reset")) {
        return RESET;
      }
      return "tls: handshake failed";
    }
    if (msg.contains("reset")) {
      return RESET;
    }
    if (c instanceof EOFException
        || msg.contains("no bytes")
        || msg.contains("closed")
        || msg.contains("eof")) {
      return CLOSED;
    }
    if (c instanceof IOException) {
      return "i/o error";
    }
    return "probe error: " + c.getClass().getSimpleName();
  }

  private static Throwable unwrap(Throwable t) {
    Throwable c = t;
    while ((c instanceof ExecutionException || c instanceof CompletionException)
        && c.getCause() != null) {
      c = c.getCause();
    }
    return c;
  }

  private static boolean hasCause(Throwable t, Class<? extends Throwable> type) {
    for (Throwable c = t; c != null; c = c.getCause()) {
      if (type.isInstance(c)) {
        return true;
      }
    }
    return false;
  }

  /** Every message of the cause chain, lower-cased, for classification only. */
  private static String messages(Throwable t) {
    StringBuilder b = new StringBuilder();
    int depth = 0;
    for (Throwable c = t; c != null && depth < 8; c = c.getCause(), depth++) {
      if (c.getMessage() != null) {
        b.append(c.getMessage()).append(' ');
      }
    }
    return b.toString().toLowerCase(Locale.ROOT);
  }
}
