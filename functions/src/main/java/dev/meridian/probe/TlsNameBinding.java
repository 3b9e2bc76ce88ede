package dev.meridian.probe;

import java.security.KeyManagementException;
import java.security.SecureRandom;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLContextSpi;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLServerSocketFactory;
import javax.net.ssl.SSLSessionContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManager;

/**
 * Lets one shared {@link java.net.http.HttpClient} connect to a vetted IP literal while presenting
 * and verifying a host name in TLS.
 *
 * <p>Why: the JDK client takes the TCP target, the SNI name and the name it verifies the
 * certificate against all from the request URI's host. A probe must connect to the address the
 * {@link SsrfGuard} vetted (a URI with the host name would be resolved again, which DNS rebinding
 * can exploit), yet present the service's name (SNI) and verify the certificate against it. So the
 * request URI carries the IP literal, and the SSL context handed to the client looks up the name
 * bound to {@code (ip, port)} for the duration of the request and creates its engine for that name:
 * JSSE then sends the name as SNI and, with the client's "HTTPS" identification algorithm, verifies
 * the certificate against it.
 *
 * <p>Two concurrent probes of the same {@code ip:port} with <em>different</em> names (virtual hosts
 * behind one load balancer) take turns; probes with the same name share the binding unless a probe
 * with another name is already waiting (so no name starves).
 */
final class TlsNameBinding {

  private record Entry(String name, int holders) {}

  private final ReentrantLock lock = new ReentrantLock();
  private final Condition released = lock.newCondition();
  private final Map<String, Entry> bindings = new HashMap<>();
  private final Map<String, Integer> waiting = new HashMap<>();

  /** A binding held until closed. */
  interface Lease extends AutoCloseable {
    @Override
    void close();
  }

  /**
   * Binds {@code name} to {@code ip:port} until the returned lease is closed, waiting (at most
   * until {@code deadlineNanos}, a {@link System#nanoTime()} value) while another name holds it.
   */
  Lease bind(String ipLiteral, int port, String name, long deadlineNanos)
      throws InterruptedException, TimeoutException {
    String key = key(ipLiteral, port);
    String n = name.toLowerCase(Locale.ROOT);
    lock.lock();
    try {
      boolean queued = false;
      try {
        while (true) {
          Entry e = bindings.get(key);
          int others = waiting.getOrDefault(key, 0) - (queued ? 1 : 0);
          if (e == null || (e.name().equals(n) && others == 0)) {
            bindings.put(key, new Entry(n, e == null ? 1 : e.holders() + 1));
            break;
          }
          long left = deadlineNanos - System.nanoTime();
          if (left <= 0) {
            throw new TimeoutException("timeout waiting for TLS name binding of " + key);
          }
          if (!queued) {
            waiting.merge(key, 1, Integer::sum);
            queued = true;
          }
          released.awaitNanos(left);
        }
      } finally {
        if (queued) {
          waiting.computeIfPresent(key, (k, c) -> c <= 1 ? null : c - 1);
        }
      }
    } finally {
      lock.unlock();
    }
    return () -> release(key);
  }

  private void release(String key) {
    lock.lock();
    try {
      Entry e = bindings.get(key);
      if (e == null) {
        return;
      }
      if (e.holders() <= 1) {
        bindings.remove(key);
        released.signalAll();
      } else {
        bindings.put(key, new Entry(e.name(), e.holders() - 1));
      }
    } finally {
      lock.unlock();
    }
  }

  /** The name bound to {@code host:port}, or {@code host} itself when none is. */
  String nameFor(String host, int port) {
    lock.lock();
    try {
      Entry e = bindings.get(key(host, port));
      return e == null ? host : e.name();
    } finally {
      lock.unlock();
    }
  }

  int waiters(String host, int port) {
    lock.lock();
    try {
      return waiting.getOrDefault(key(host, port), 0);
    } finally {
      lock.unlock();
    }
  }

  int size() {
    lock.lock();
    try {
      return bindings.size();
    } finally {
      lock.unlock();
    }
  }

  private static String key(String host, int port) {
    String h =
        host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    return h.toLowerCase(Locale.ROOT) + "|" + port;
  }

  /** An SSL context that creates client engines for the bound name instead of the literal host. */
  SSLContext wrap(SSLContext delegate) {
    SSLContextSpi spi =
        new SSLContextSpi() {
          @Override
          protected void engineInit(KeyManager[] km, TrustManager[] tm, SecureRandom sr)
              throws KeyManagementException {
            throw new KeyManagementException("already initialised");
          }

          @Override
          protected SSLSocketFactory engineGetSocketFactory() {
            return delegate.getSocketFactory();
          }

          @Override
          protected SSLServerSocketFactory engineGetServerSocketFactory() {
            return delegate.getServerSocketFactory();
          }

          @Override
          protected SSLEngine engineCreateSSLEngine() {
            return delegate.createSSLEngine();
          }

          @Override
          protected SSLEngine engineCreateSSLEngine(String host, int port) {
            String name = host == null ? null : nameFor(host, port);
            if (name == null || name.equals(host)) {
              return delegate.createSSLEngine(host, port);
            }
            return new NamedSslEngine(delegate.createSSLEngine(name, port), name, port);
          }

          @Override
          protected SSLSessionContext engineGetServerSessionContext() {
            return delegate.getServerSessionContext();
          }

          @Override
          protected SSLSessionContext engineGetClientSessionContext() {
            return delegate.getClientSessionContext();
          }

          @Override
          protected javax.net.ssl.SSLParameters engineGetDefaultSSLParameters() {
            return delegate.getDefaultSSLParameters();
          }

          @Override
          protected javax.net.ssl.SSLParameters engineGetSupportedSSLParameters() {
            return delegate.getSupportedSSLParameters();
          }
        };
    return new SSLContext(spi, delegate.getProvider(), delegate.getProtocol()) {};
  }
}
