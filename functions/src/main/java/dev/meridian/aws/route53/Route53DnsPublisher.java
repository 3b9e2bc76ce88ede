package dev.meridian.aws.route53;

import dev.meridian.aws.Backoff;
import dev.meridian.aws.RateLimiter;
import dev.meridian.aws.Sleeper;
import dev.meridian.core.dns.RecordDiff;
import dev.meridian.core.dns.RecordSets;
import dev.meridian.core.model.ChangeAction;
import dev.meridian.core.model.DnsRecordSet;
import dev.meridian.core.model.PlanChange;
import dev.meridian.core.model.RecordType;
import dev.meridian.core.model.ServiceName;
import dev.meridian.core.port.DnsPublishException;
import dev.meridian.core.port.DnsPublisher;
import dev.meridian.core.port.PublishResult;
import dev.meridian.core.port.StoreUnavailableException;
import dev.meridian.observability.MeridianMetrics;
import dev.meridian.observability.MetricNames;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.route53.Route53Client;
import software.amazon.awssdk.services.route53.model.Change;
import software.amazon.awssdk.services.route53.model.ChangeBatch;
import software.amazon.awssdk.services.route53.model.ChangeInfo;
import software.amazon.awssdk.services.route53.model.ChangeResourceRecordSetsRequest;
import software.amazon.awssdk.services.route53.model.ChangeStatus;
import software.amazon.awssdk.services.route53.model.GetChangeRequest;
import software.amazon.awssdk.services.route53.model.InvalidChangeBatchException;
import software.amazon.awssdk.services.route53.model.InvalidInputException;
import software.amazon.awssdk.services.route53.model.ListResourceRecordSetsRequest;
import software.amazon.awssdk.services.route53.model.ListResourceRecordSetsResponse;
import software.amazon.awssdk.services.route53.model.NoSuchHostedZoneException;
import software.amazon.awssdk.services.route53.model.PriorRequestNotCompleteException;
import software.amazon.awssdk.services.route53.model.ResourceRecordSet;
import software.amazon.awssdk.services.route53.model.ThrottlingException;

/**
 * {@link DnsPublisher} on Route 53. A publication reads the service's record sets
 * (ListResourceRecordSets from the service's name, and from its ownership TXT name), diffs them
 * against the desired ones with the core's {@link RecordDiff} (which only ever touches record sets
 * Meridian owns), and sends the difference in ChangeResourceRecordSets batches split at Route 53's
 * limits. Nothing is sent when nothing differs.
 *
 * <p>Every request passes a client-side rate limiter; Throttling, PriorRequestNotComplete, 5xx and
 * connection errors are retried with exponential backoff and full jitter (the client itself is
 * built without SDK retries so that the attempts are not multiplied); InvalidChangeBatch is
 * reported at once with Route 53's message. One publication at a time per hosted zone. The fencing
 * token cannot be checked by Route 53: the caller checks its lease before and records the plan with
 * the token after.
 */
public final class Route53DnsPublisher implements DnsPublisher {
  private static final Logger LOG = LoggerFactory.getLogger(Route53DnsPublisher.class);

  private final Route53Client client;
  private final Route53Settings settings;
  private final Clock clock;
  private final Sleeper sleeper;
  private final Backoff backoff;
  private final RateLimiter limiter;
  private final MeridianMetrics metrics;
  private final ConcurrentHashMap<String, ReentrantLock> zoneLocks = new ConcurrentHashMap<>();

  public Route53DnsPublisher(
      Route53Client client,
      Route53Settings settings,
      Clock clock,
      Sleeper sleeper,
      RandomGenerator random,
      MeridianMetrics metrics) {
    this.client = Objects.requireNonNull(client, "client");
    this.settings = Objects.requireNonNull(settings, "settings");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
    this.backoff = new Backoff(settings.baseBackoff(), settings.maxBackoff(), random);
    this.limiter = new RateLimiter(settings.rateLimitPerSecond(), clock, sleeper);
    this.metrics = Objects.requireNonNull(metrics, "metrics");
  }

  @Override
  public List<DnsRecordSet> published(ServiceName service) {
    checkInZone(service);
    return read(service, new Calls());
  }

  @Override
  public PublishResult publish(ServiceName service, List<DnsRecordSet> desired, long fencingToken) {
    checkInZone(service);
    checkNames(service, desired);
    Calls calls = new Calls();
    ReentrantLock lock =
        zoneLocks.computeIfAbsent(settings.hostedZoneId(), z -> new ReentrantLock());
    lock.lock();
    String changeId;
    List<PlanChange> changes;
    Instant submittedAt;
    try {
      List<DnsRecordSet> current = read(service, calls);
      changes = RecordDiff.diff(desired, current);
      if (changes.isEmpty()) {
        LOG.debug("dns.unchanged service={} token={} calls={}", service, fencingToken, calls.n);
        return PublishResult.unchanged(calls.n);
      }
      List<List<PlanChange>> batches = ChangeBatcher.split(changes);
      changeId = null;
      submittedAt = clock.instant();
      for (int i = 0; i < batches.size(); i++) {
        List<PlanChange> batch = batches.get(i);
        String comment =
            "meridian "
                + service
                + " token "
                + fencingToken
                + " batch "
                + (i + 1)
                + "/"
                + batches.size();
        ChangeInfo info =
            call(
                    "ChangeResourceRecordSets",
                    calls,
                    () ->
                        client.changeResourceRecordSets(
                            ChangeResourceRecordSetsRequest.builder()
                                .hostedZoneId(settings.hostedZoneId())
                                .changeBatch(
                                    ChangeBatch.builder()
                                        .comment(comment)
                                        .changes(
                                            batch.stream()
                                                .map(Route53DnsPublisher::toChange)
                                                .toList())
                                        .build())
                                .build()))
                .changeInfo();
        changeId = stripChangePrefix(info.id());
        submittedAt = clock.instant();
      }
      LOG.info(
          "dns.published service={} token={} changes={} upserts={} deletes={} batches={} changeId={} calls={}",
          service,
          fencingToken,
          changes.size(),
          changes.stream().filter(c -> c.action() == ChangeAction.UPSERT).count(),
          changes.stream().filter(c -> c.action() == ChangeAction.DELETE).count(),
          batches.size(),
          changeId,
          calls.n);
    } finally {
      lock.unlock();
    }
    Optional<Duration> inSync =
        settings.waitForInsync() ? awaitInsync(changeId, submittedAt, calls) : Optional.empty();
    return new PublishResult(changes, Optional.of(changeId), calls.n, inSync);
  }

  private Optional<Duration> awaitInsync(String changeId, Instant submittedAt, Calls calls) {
    Instant deadline = submittedAt.plus(settings.insyncTimeout());
    while (true) {
      ChangeInfo info =
          call(
                  "GetChange",
                  calls,
                  () -> client.getChange(GetChangeRequest.builder().id(changeId).build()))
              .changeInfo();
      Instant now = clock.instant();
      if (info.status() == ChangeStatus.INSYNC) {
        Duration took = Duration.between(submittedAt, now);
        LOG.info("dns.insync changeId={} tookMs={}", changeId, took.toMillis());
        return Optional.of(took);
      }
      if (!now.plus(settings.insyncPollInterval()).isBefore(deadline)) {
        LOG.warn("dns.insync.timeout changeId={} timeout={}", changeId, settings.insyncTimeout());
        return Optional.empty();
      }
      pause(settings.insyncPollInterval());
    }
  }

  /** The service's owned record sets: its name's, and its ownership TXT record. */
  private List<DnsRecordSet> read(ServiceName service, Calls calls) {
    List<DnsRecordSet> out = new ArrayList<>(list(service.value(), Optional.empty(), calls));
    out.addAll(list(RecordSets.ownershipName(service), Optional.of(RecordType.TXT), calls));
    return out.stream().filter(RecordSets::isOwned).toList();
  }

  /**
   * Record sets named exactly {@code name} (of {@code type} if given), following NextRecordName /
   * NextRecordType / NextRecordIdentifier until the listing leaves the name.
   */
  private List<DnsRecordSet> list(String name, Optional<RecordType> type, Calls calls) {
    List<DnsRecordSet> out = new ArrayList<>();
    ListResourceRecordSetsRequest.Builder req =
        ListResourceRecordSetsRequest.builder()
            .hostedZoneId(settings.hostedZoneId())
            .startRecordName(RecordSetMapper.fqdn(name))
            .maxItems(Integer.toString(settings.listPageSize()));
    type.ifPresent(t -> req.startRecordType(t.name()));
    while (true) {
      ListResourceRecordSetsRequest request = req.build();
      ListResourceRecordSetsResponse res =
          call("ListResourceRecordSets", calls, () -> client.listResourceRecordSets(request));
      for (ResourceRecordSet s : res.resourceRecordSets()) {
        boolean sameName = Route53Settings.normalizeName(s.name()).equals(name);
        boolean sameType = type.isEmpty() || type.get().name().equals(s.typeAsString());
        if (!sameName || !sameType) {
          return out;
        }
        RecordSetMapper.fromSdk(s).ifPresent(out::add);
      }
      if (!Boolean.TRUE.equals(res.isTruncated())
          || res.nextRecordName() == null
          || !Route53Settings.normalizeName(res.nextRecordName()).equals(name)) {
        return out;
      }
      req.startRecordName(res.nextRecordName())
          .startRecordType(res.nextRecordTypeAsString())
          .startRecordIdentifier(res.nextRecordIdentifier());
    }
  }

  private static Change toChange(PlanChange c) {
    return Change.builder()
        .action(c.action().name())
        .resourceRecordSet(RecordSetMapper.toSdk(c.record()))
        .build();
  }

  /** One Route 53 request: rate-limited, retried on transient errors, errors translated. */
  private <T> T call(String operation, Calls calls, Supplier<T> request) {
    for (int attempt = 1; ; attempt++) {
      try {
        limiter.acquire();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new StoreUnavailableException("interrupted before Route 53 " + operation, e);
      }
      calls.n++;
      metrics.increment(MetricNames.ROUTE53_CALLS);
      try {
        return request.get();
      } catch (InvalidChangeBatchException e) {
        throw new DnsPublishException(
            "Route 53 rejected the change batch: " + invalidBatchMessage(e), false, e);
      } catch (NoSuchHostedZoneException | InvalidInputException e) {
        throw new DnsPublishException(
            "Route 53 rejected " + operation + ": " + message(e), false, e);
      } catch (AwsServiceException e) {
        boolean throttled = isThrottling(e);
        boolean transientError = throttled || e.statusCode() >= 500;
        if (!transientError) {
          throw new DnsPublishException(
              "Route 53 rejected " + operation + ": " + message(e), false, e);
        }
        if (attempt >= settings.maxAttempts()) {
          if (throttled) {
            throw new DnsPublishException(
                "Route 53 kept answering "
                    + errorCode(e)
                    + " to "
                    + operation
                    + " after "
                    + attempt
                    + " attempts",
                true,
                e);
          }
          throw new StoreUnavailableException(
              "Route 53 failed " + operation + " after " + attempt + " attempts: " + message(e), e);
        }
        retryAfter(operation, attempt, errorCode(e));
      } catch (SdkClientException e) {
        if (attempt >= settings.maxAttempts()) {
          throw new StoreUnavailableException(
              "Route 53 unreachable for " + operation + " after " + attempt + " attempts", e);
        }
        retryAfter(operation, attempt, "client:" + e.getClass().getSimpleName());
      }
    }
  }

  private void retryAfter(String operation, int attempt, String reason) {
    Duration wait = backoff.delay(attempt - 1);
    LOG.info(
        "route53.retry operation={} attempt={} reason={} waitMs={}",
        operation,
        attempt,
        reason,
        wait.toMillis());
    pause(wait);
  }

  private void pause(Duration d) {
    try {
      sleeper.sleep(d);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new StoreUnavailableException("interrupted while waiting for Route 53", e);
    }
  }

  static boolean isThrottling(AwsServiceException e) {
    return e instanceof ThrottlingException
        || e instanceof PriorRequestNotCompleteException
        || e.isThrottlingException()
        || "Throttling".equals(errorCode(e))
        || "PriorRequestNotComplete".equals(errorCode(e));
  }

  private static String errorCode(AwsServiceException e) {
    return e.awsErrorDetails() == null ? "" : String.valueOf(e.awsErrorDetails().errorCode());
  }

  private static String message(AwsServiceException e) {
    return e.awsErrorDetails() != null && e.awsErrorDetails().errorMessage() != null
        ? e.awsErrorDetails().errorMessage()
        : e.getMessage();
  }

  private static String invalidBatchMessage(InvalidChangeBatchException e) {
    List<String> parts = new ArrayList<>();
    String m = message(e);
    if (m != null && !m.isBlank()) {
      parts.add(m);
    }
    if (e.hasMessages()) {
      parts.addAll(e.messages());
    }
    return String.join("; ", parts);
  }

  static String stripChangePrefix(String id) {
    return id != null && id.startsWith("/change/") ? id.substring("/change/".length()) : id;
  }

  private void checkInZone(ServiceName service) {
    settings
        .zoneName()
        .ifPresent(
            zone -> {
              String n = service.value();
              if (!n.equals(zone) && !n.endsWith("." + zone)) {
                throw new DnsPublishException(
                    "service " + n + " is outside the hosted zone " + zone, false, null);
              }
            });
  }

  /** Publishing a service only ever writes under its own names. */
  private static void checkNames(ServiceName service, List<DnsRecordSet> desired) {
    String own = service.value();
    String ownership = RecordSets.ownershipName(service);
    for (DnsRecordSet r : desired) {
      String n = Route53Settings.normalizeName(r.name());
      if (!n.equals(own) && !n.equals(ownership)) {
        throw new DnsPublishException(
            "record set " + r.key() + " is not under service " + own + "'s names", false, null);
      }
    }
  }

  /** Requests made by one operation. */
  private static final class Calls {
    int n;
  }
}
