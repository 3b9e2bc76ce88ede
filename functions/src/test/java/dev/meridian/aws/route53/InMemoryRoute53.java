package dev.meridian.aws.route53;

import java.lang.reflect.Proxy;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import software.amazon.awssdk.services.route53.Route53Client;
import software.amazon.awssdk.services.route53.model.Change;
import software.amazon.awssdk.services.route53.model.ChangeAction;
import software.amazon.awssdk.services.route53.model.ChangeInfo;
import software.amazon.awssdk.services.route53.model.ChangeResourceRecordSetsRequest;
import software.amazon.awssdk.services.route53.model.ChangeResourceRecordSetsResponse;
import software.amazon.awssdk.services.route53.model.ChangeStatus;
import software.amazon.awssdk.services.route53.model.GetChangeRequest;
import software.amazon.awssdk.services.route53.model.GetChangeResponse;
import software.amazon.awssdk.services.route53.model.InvalidChangeBatchException;
import software.amazon.awssdk.services.route53.model.ListResourceRecordSetsRequest;
import software.amazon.awssdk.services.route53.model.ListResourceRecordSetsResponse;
import software.amazon.awssdk.services.route53.model.ResourceRecordSet;

/**
 * A small stateful Route 53 hosted zone behind the SDK's {@link Route53Client} interface: listing
 * in Route 53's order (name with labels reversed, then type, then set identifier) with MaxItems
 * pagination, atomic change batches where a DELETE must match the record set exactly, and changes
 * that are INSYNC at once. Lets the DnsPublisher contract run against the real adapter.
 */
final class InMemoryRoute53 {
  private final NavigableMap<String, ResourceRecordSet> records = new TreeMap<>();
  private final AtomicInteger changes = new AtomicInteger();
  private final AtomicInteger changeCalls = new AtomicInteger();

  Route53Client client() {
    return (Route53Client)
        Proxy.newProxyInstance(
            Route53Client.class.getClassLoader(),
            new Class<?>[] {Route53Client.class},
            (proxy, method, args) ->
                switch (method.getName()) {
                  case "listResourceRecordSets" -> list((ListResourceRecordSetsRequest) args[0]);
                  case "changeResourceRecordSets" ->
                      change((ChangeResourceRecordSetsRequest) args[0]);
                  case "getChange" -> getChange((GetChangeRequest) args[0]);
                  case "close" -> null;
                  case "serviceName" -> "route53";
                  default -> throw new UnsupportedOperationException(method.getName());
                });
  }

  /** Puts a record set directly, as someone outside Meridian would. */
  synchronized void put(ResourceRecordSet r) {
    records.put(key(r.name(), r.typeAsString(), r.setIdentifier()), r);
  }

  synchronized List<ResourceRecordSet> all() {
    return new ArrayList<>(records.values());
  }

  int changeCalls() {
    return changeCalls.get();
  }

  private synchronized ListResourceRecordSetsResponse list(ListResourceRecordSetsRequest req) {
    int max = req.maxItems() == null ? 300 : Integer.parseInt(req.maxItems());
    String start =
        key(
            req.startRecordName(),
            req.startRecordTypeAsString() == null ? "" : req.startRecordTypeAsString(),
            req.startRecordIdentifier());
    List<ResourceRecordSet> page = new ArrayList<>();
    ResourceRecordSet next = null;
    for (ResourceRecordSet r : records.tailMap(start, true).values()) {
      if (page.size() == max) {
        next = r;
        break;
      }
      page.add(r);
    }
    ListResourceRecordSetsResponse.Builder b =
        ListResourceRecordSetsResponse.builder()
            .resourceRecordSets(page)
            .isTruncated(next != null)
            .maxItems(Integer.toString(max));
    if (next != null) {
      b.nextRecordName(next.name())
          .nextRecordType(next.typeAsString())
          .nextRecordIdentifier(next.setIdentifier());
    }
    return b.build();
  }

  private synchronized ChangeResourceRecordSetsResponse change(
      ChangeResourceRecordSetsRequest req) {
    changeCalls.incrementAndGet();
    NavigableMap<String, ResourceRecordSet> copy = new TreeMap<>(records);
    for (Change c : req.changeBatch().changes()) {
      ResourceRecordSet r = c.resourceRecordSet();
      String k = key(r.name(), r.typeAsString(), r.setIdentifier());
      if (c.action() == ChangeAction.DELETE) {
        if (!r.equals(copy.get(k))) {
          throw InvalidChangeBatchException.builder()
              .message(
                  "Tried to delete resource record set [name='"
                      + r.name()
                      + "', type='"
                      + r.typeAsString()
                      + "'] but the values provided do not match the current values")
              .statusCode(400)
              .build();
        }
        copy.remove(k);
      } else {
        copy.put(k, r);
      }
    }
    records.clear();
    records.putAll(copy);
    return ChangeResourceRecordSetsResponse.builder()
        .changeInfo(
            ChangeInfo.builder()
                .id("/change/C" + changes.incrementAndGet())
                .status(ChangeStatus.PENDING)
                .submittedAt(Instant.parse("2026-12-01T10:00:00Z"))
                .build())
        .build();
  }

  private GetChangeResponse getChange(GetChangeRequest req) {
    return GetChangeResponse.builder()
        .changeInfo(ChangeInfo.builder().id(req.id()).status(ChangeStatus.INSYNC).build())
        .build();
  }

  /** Route 53's listing order: the name with its labels reversed, then type, then identifier. */
  static String key(String name, String type, String identifier) {
    String n = name.endsWith(".") ? name.substring(0, name.length() - 1) : name;
    List<String> labels = new ArrayList<>(List.of(n.toLowerCase().split("\\.")));
    Collections.reverse(labels);
    return String.join(".", labels)
        + "\u0001"
        + type
        + "\u0001"
        + (identifier == null ? "" : identifier);
  }
}
