package dev.meridian.it;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.http.QueryParameter;
import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import java.io.ByteArrayInputStream;
import java.io.StringWriter;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.transform.OutputKeys;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * A stateful Route 53 hosted zone on WireMock (127.0.0.1, dynamic port): ListResourceRecordSets
 * answers from the zone's record sets, ChangeResourceRecordSets applies CREATE / UPSERT / DELETE
 * atomically (InvalidChangeBatch on a CREATE of an existing or a DELETE of a missing record set),
 * and scripted faults (Throttling, PriorRequestNotComplete, a lost response after the change was
 * applied) are served first, in order, per operation. Records are kept as the XML the SDK sent, so
 * what is listed back is exactly what was published.
 */
final class FakeRoute53Zone implements AutoCloseable {
  static final String NS = "https://route53.amazonaws.com/doc/2013-04-01/";
  static final String ZONE = "Z0123456789ABCDEFGHIJ";
  private static final String RRSET = "/2013-04-01/hostedzone/" + ZONE + "/rrset";

  /** What a scripted fault does. */
  enum FaultKind {
    THROTTLING,
    PRIOR_REQUEST_NOT_COMPLETE,
    /** Applies the change, then resets the connection: the caller never learns it succeeded. */
    APPLY_THEN_RESET
  }

  private final Map<String, String> records = new TreeMap<>();
  private final Deque<FaultKind> listFaults = new ArrayDeque<>();
  private final Deque<FaultKind> changeFaults = new ArrayDeque<>();
  private final AtomicInteger changeRequests = new AtomicInteger();
  private final AtomicInteger appliedChanges = new AtomicInteger();
  private final AtomicInteger listRequests = new AtomicInteger();
  private final AtomicInteger changeIds = new AtomicInteger();
  private final WireMockServer server;

  FakeRoute53Zone() {
    server =
        new WireMockServer(
            options().bindAddress("127.0.0.1").dynamicPort().extensions(new Transformer()));
    server.start();
    server.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(404)));
  }

  URI endpoint() {
    return URI.create("http://127.0.0.1:" + server.port());
  }

  synchronized void failNextLists(FaultKind... faults) {
    listFaults.addAll(List.of(faults));
  }

  synchronized void failNextChanges(FaultKind... faults) {
    changeFaults.addAll(List.of(faults));
  }

  synchronized void clearFaults() {
    listFaults.clear();
    changeFaults.clear();
  }

  /** ChangeResourceRecordSets requests received (faulted ones included). */
  int changeRequests() {
    return changeRequests.get();
  }

  /** Change batches applied to the zone. */
  int appliedChanges() {
    return appliedChanges.get();
  }

  int listRequests() {
    return listRequests.get();
  }

  /** The zone's record sets, keyed name|type|setIdentifier, as XML. */
  synchronized Map<String, String> snapshot() {
    return Map.copyOf(records);
  }

  @Override
  public void close() {
    server.stop();
  }

  private final class Transformer implements ResponseDefinitionTransformerV2 {
    @Override
    public String getName() {
      return "fake-route53-zone";
    }

    @Override
    public ResponseDefinition transform(ServeEvent event) {
      Request req = event.getRequest();
      String path = URI.create(req.getUrl()).getPath();
      synchronized (FakeRoute53Zone.this) {
        if (req.getMethod().getName().equals("GET") && path.equals(RRSET)) {
          listRequests.incrementAndGet();
          FaultKind f = listFaults.poll();
          if (f != null) {
            return fault(f);
          }
          return list(req);
        }
        if (req.getMethod().getName().equals("POST") && path.equals(RRSET + "/")) {
          changeRequests.incrementAndGet();
          FaultKind f = changeFaults.poll();
          if (f != null && f != FaultKind.APPLY_THEN_RESET) {
            return fault(f);
          }
          ResponseDefinition applied = change(req.getBodyAsString());
          if (f == FaultKind.APPLY_THEN_RESET && applied.getStatus() == 200) {
            return aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER).build();
          }
          return applied;
        }
      }
      return event.getResponseDefinition();
    }
  }

  private static ResponseDefinition fault(FaultKind f) {
    String code = f == FaultKind.THROTTLING ? "Throttling" : "PriorRequestNotComplete";
    return error(400, code, code.equals("Throttling") ? "Rate exceeded" : "still processing");
  }

  private static ResponseDefinition error(int status, String code, String message) {
    return xml(
        status,
        "<?xml version=\"1.0\"?><ErrorResponse xmlns=\""
            + NS
            + "\"><Error><Type>Sender</Type><Code>"
            + code
            + "</Code><Message>"
            + message
            + "</Message></Error><RequestId>fake</RequestId></ErrorResponse>");
  }

  private static ResponseDefinition xml(int status, String body) {
    return aResponse()
        .withStatus(status)
        .withHeader("Content-Type", "text/xml")
        .withBody(body)
        .build();
  }

  private ResponseDefinition list(Request req) {
    String name = normalize(param(req, "name"));
    String type = param(req, "type");
    StringBuilder out =
        new StringBuilder(
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?><ListResourceRecordSetsResponse xmlns=\""
                + NS
                + "\"><ResourceRecordSets>");
    for (Map.Entry<String, String> e : records.entrySet()) {
      String[] key = e.getKey().split("\\|", -1);
      if (key[0].equals(name) && (type == null || type.equals(key[1]))) {
        out.append(e.getValue());
      }
    }
    out.append(
        "</ResourceRecordSets><IsTruncated>false</IsTruncated><MaxItems>300</MaxItems>"
            + "</ListResourceRecordSetsResponse>");
    return xml(200, out.toString());
  }

  private ResponseDefinition change(String body) {
    Document doc = parse(body);
    NodeList changes = doc.getElementsByTagNameNS(NS, "Change");
    Map<String, String> next = new TreeMap<>(records);
    for (int i = 0; i < changes.getLength(); i++) {
      Element c = (Element) changes.item(i);
      String action = text(c, "Action");
      Element set = (Element) c.getElementsByTagNameNS(NS, "ResourceRecordSet").item(0);
      String key =
          normalize(text(set, "Name"))
              + "|"
              + text(set, "Type")
              + "|"
              + (text(set, "SetIdentifier") == null ? "" : text(set, "SetIdentifier"));
      switch (action) {
        case "CREATE" -> {
          if (next.containsKey(key)) {
            return error(400, "InvalidChangeBatch", "record set " + key + " already exists");
          }
          next.put(key, serialize(set));
        }
        case "UPSERT" -> next.put(key, serialize(set));
        case "DELETE" -> {
          if (next.remove(key) == null) {
            return error(400, "InvalidChangeBatch", "record set " + key + " not found");
          }
        }
        default -> {
          return error(400, "InvalidInput", "bad action " + action);
        }
      }
    }
    records.clear();
    records.putAll(next);
    appliedChanges.incrementAndGet();
    return xml(
        200,
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?><ChangeResourceRecordSetsResponse xmlns=\""
            + NS
            + "\"><ChangeInfo><Id>/change/CFAKE"
            + changeIds.incrementAndGet()
            + "</Id><Status>PENDING</Status><SubmittedAt>2026-12-01T10:00:01.000Z</SubmittedAt>"
            + "</ChangeInfo></ChangeResourceRecordSetsResponse>");
  }

  private static String param(Request req, String name) {
    QueryParameter p = req.queryParameter(name);
    return p == null || !p.isPresent() ? null : p.firstValue();
  }

  private static String normalize(String name) {
    if (name == null) {
      return "";
    }
    String n = name.toLowerCase(Locale.ROOT);
    return n.endsWith(".") ? n.substring(0, n.length() - 1) : n;
  }

  private static String text(Element parent, String child) {
    NodeList l = parent.getElementsByTagNameNS(NS, child);
    for (int i = 0; i < l.getLength(); i++) {
      if (l.item(i).getParentNode() == parent) {
        return l.item(i).getTextContent().trim();
      }
    }
    return null;
  }

  private static Document parse(String xml) {
    try {
      DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
      f.setNamespaceAware(true);
      f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
      return f.newDocumentBuilder()
          .parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
    } catch (Exception e) {
      throw new IllegalStateException("unparseable change batch", e);
    }
  }

  private static String serialize(Node node) {
    try {
      var t = TransformerFactory.newInstance().newTransformer();
      t.setOutputProperty(OutputKeys.OMIT_XML_DECLARATION, "yes");
      StringWriter w = new StringWriter();
      t.transform(new DOMSource(node), new StreamResult(w));
      return w.toString();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  static List<String> keys(Map<String, String> snapshot) {
    return new ArrayList<>(snapshot.keySet());
  }
}
