package dev.meridian.cli.demo;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.random.RandomGenerator;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.Type;

/**
 * The demo's traffic: {@code clients} simulated clients, each with its own DNS cache honouring the
 * answer's TTL (as a stub resolver would), send requests to the address DNS gave them and count
 * which region answered. Per-region shares over a sliding window show a failure or a drill as
 * traffic moving.
 */
public final class TrafficGenerator {
  /** Resolves the service name: the answered addresses and their TTL. */
  public interface Resolver {
    Answer resolve(String name) throws IOException;
  }

  /** Sends one request to an address; returns the region that answered, empty on failure. */
  public interface Requester {
    Optional<String> request(String address) throws IOException, InterruptedException;
  }

  public record Answer(List<String> addresses, Duration ttl) {}

  /** One request's outcome. */
  record Sample(Instant at, String region) {}

  private final String name;
  private final Resolver resolver;
  private final Requester requester;
  private final Clock clock;
  private final RandomGenerator random;
  private final Duration window;
  private final List<CachedAnswer> caches = new ArrayList<>();
  private final Deque<Sample> samples = new ArrayDeque<>();
  private long requests;
  private long errors;
  private long lookups;

  private static final class CachedAnswer {
    Answer answer;
    Instant expires = Instant.MIN;
  }

  public TrafficGenerator(
      String name,
      int clients,
      Resolver resolver,
      Requester requester,
      Clock clock,
      RandomGenerator random,
      Duration window) {
    this.name = name;
    this.resolver = resolver;
    this.requester = requester;
    this.clock = clock;
    this.random = random;
    this.window = window;
    for (int i = 0; i < clients; i++) {
      caches.add(new CachedAnswer());
    }
  }

  /** Sends one request from a random client. */
  public void step() throws InterruptedException {
    CachedAnswer c = caches.get(random.nextInt(caches.size()));
    Instant now = clock.instant();
    String region = "error";
    try {
      if (c.answer == null || !now.isBefore(c.expires)) {
        c.answer = resolver.resolve(name);
        c.expires = now.plus(c.answer.ttl());
        lookups++;
      }
      if (c.answer.addresses().isEmpty()) {
        region = "no-answer";
      } else {
        String address = c.answer.addresses().get(random.nextInt(c.answer.addresses().size()));
        region = requester.request(address).orElse("error");
      }
    } catch (IOException e) {
      region = "error";
    }
    requests++;
    if (region.equals("error") || region.equals("no-answer")) {
      errors++;
    }
    samples.addLast(new Sample(now, region));
    Instant horizon = now.minus(window);
    while (!samples.isEmpty() && samples.peekFirst().at().isBefore(horizon)) {
      samples.removeFirst();
    }
  }

  /** Share of requests per region (and "error") within the window. */
  public Map<String, Double> shares() {
    Map<String, Integer> counts = new TreeMap<>();
    samples.forEach(s -> counts.merge(s.region(), 1, Integer::sum));
    Map<String, Double> out = new TreeMap<>();
    int total = samples.size();
    counts.forEach((k, v) -> out.put(k, total == 0 ? 0 : (double) v / total));
    return out;
  }

  public long requests() {
    return requests;
  }

  public long errors() {
    return errors;
  }

  public long lookups() {
    return lookups;
  }

  /** One status line: shares with bars, counters. */
  public String line(Duration elapsed) {
    StringBuilder sb = new StringBuilder();
    sb.append(String.format(Locale.ROOT, "%4ds ", elapsed.toSeconds()));
    shares()
        .forEach(
            (region, share) ->
                sb.append(
                    String.format(
                        Locale.ROOT,
                        " %s %3.0f%% %-10s",
                        region,
                        share * 100,
                        "#".repeat((int) Math.round(share * 10)))));
    sb.append(
        String.format(
            Locale.ROOT, " | %d requests, %d errors, %d DNS lookups", requests, errors, lookups));
    return sb.toString();
  }

  /** A resolver asking the embedded DNS server directly (no system resolver, no cache). */
  public static Resolver dns(InetSocketAddress server) {
    SimpleResolver r = new SimpleResolver(server);
    r.setTimeout(Duration.ofSeconds(2));
    return name -> {
      Message q =
          Message.newQuery(Record.newRecord(Name.fromString(name + "."), Type.A, DClass.IN));
      Message a = r.send(q);
      if (a.getRcode() != Rcode.NOERROR) {
        throw new IOException(name + ": " + Rcode.string(a.getRcode()));
      }
      List<String> addresses = new ArrayList<>();
      long ttl = Long.MAX_VALUE;
      for (Record rec : a.getSection(Section.ANSWER)) {
        if (rec instanceof ARecord ar) {
          addresses.add(ar.getAddress().getHostAddress());
          ttl = Math.min(ttl, rec.getTTL());
        }
      }
      return new Answer(addresses, Duration.ofSeconds(ttl == Long.MAX_VALUE ? 0 : ttl));
    };
  }

  /** HTTP GET http://address:port/ naming the service in Host; the region from X-Region. */
  public static Requester http(String hostHeaderName, int port) {
    HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofMillis(500)).build();
    return address -> {
      HttpRequest req =
          HttpRequest.newBuilder(URI.create("http://" + address + ":" + port + "/"))
              .timeout(Duration.ofSeconds(1))
              .header("X-Meridian-Demo", hostHeaderName)
              .GET()
              .build();
      HttpResponse<Void> resp = client.send(req, HttpResponse.BodyHandlers.discarding());
      if (resp.statusCode() / 100 != 2) {
        return Optional.empty();
      }
      return resp.headers().firstValue("X-Region");
    };
  }
}
