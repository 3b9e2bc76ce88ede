package dev.meridian.local.dns;

import dev.meridian.core.model.DnsRecordSet;
import dev.meridian.local.dns.RecordSelector.Selection;
import dev.meridian.local.dns.ZoneIndex.Zone;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.random.RandomGenerator;
import org.xbill.DNS.CNAMERecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Header;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.OPTRecord;
import org.xbill.DNS.Opcode;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/**
 * Turns one DNS query (wire format) into its answer (wire format) from the current {@link
 * ZoneIndex}: authoritative answers for names in the served zones, NXDOMAIN (with the SOA) for
 * unknown names in a zone, REFUSED outside every zone, FORMERR for a malformed query whose header
 * is readable, and nothing at all for garbage. Never throws for bad input.
 */
final class DnsResponder {
  /** Largest UDP answer without EDNS (RFC 1035). */
  static final int CLASSIC_UDP_SIZE = 512;

  /** The EDNS buffer size this server advertises and honours at most (DNS flag day 2020). */
  static final int EDNS_UDP_SIZE = 1232;

  private static final int MAX_CNAME_CHAIN = 8;
  private static final int HEADER_LENGTH = 12;

  private final RecordSelector selector;
  private final RandomGenerator random;

  DnsResponder(RecordSelector selector, RandomGenerator random) {
    this.selector = selector;
    this.random = random;
  }

  /** The outcome of one query: the bytes to send back (empty = drop) and the response code. */
  record Reply(Optional<byte[]> wire, int rcode) {}

  /**
   * Answers {@code query}. {@code maxUdpSize} is 0 for TCP (no size limit below 65535) and the
   * transport limit otherwise; a larger answer is truncated with TC set.
   */
  Reply respond(ZoneIndex index, byte[] query, int length, boolean udp) {
    Message q;
    try {
      q = new Message(java.util.Arrays.copyOf(query, length));
    } catch (IOException | RuntimeException malformed) {
      return formErr(query, length);
    }
    Header h = q.getHeader();
    if (h.getFlag(Flags.QR)) {
      return new Reply(Optional.empty(), Rcode.FORMERR); // a response, not a query: ignore it
    }
    Message r = new Message(h.getID());
    Header rh = r.getHeader();
    rh.setFlag(Flags.QR);
    rh.setOpcode(h.getOpcode());
    if (h.getFlag(Flags.RD)) {
      rh.setFlag(Flags.RD);
    }
    OPTRecord opt = q.getOPT();
    int maxUdp = CLASSIC_UDP_SIZE;
    if (opt != null) {
      maxUdp = Math.max(CLASSIC_UDP_SIZE, Math.min(EDNS_UDP_SIZE, opt.getPayloadSize()));
      r.addRecord(new OPTRecord(EDNS_UDP_SIZE, 0, 0), Section.ADDITIONAL);
    }
    Record question = q.getQuestion();
    int rcode;
    if (h.getOpcode() != Opcode.QUERY) {
      rcode = Rcode.NOTIMP;
    } else if (question == null || h.getCount(Section.QUESTION) != 1) {
      rcode = Rcode.FORMERR;
    } else {
      r.addRecord(question, Section.QUESTION);
      rcode = answer(index, question, r);
    }
    rh.setRcode(rcode);
    byte[] wire = udp ? r.toWire(maxUdp) : r.toWire();
    return new Reply(Optional.of(wire), rcode);
  }

  private int answer(ZoneIndex index, Record question, Message r) {
    int qclass = question.getDClass();
    int qtype = question.getType();
    if (qclass != DClass.IN && qclass != DClass.ANY) {
      return Rcode.REFUSED;
    }
    if (qtype == Type.AXFR || qtype == Type.IXFR) {
      return Rcode.REFUSED; // no zone transfers
    }
    Optional<Zone> zone = index.find(question.getName());
    if (zone.isEmpty()) {
      return Rcode.REFUSED;
    }
    r.getHeader().setFlag(Flags.AA);
    return resolve(zone.get(), question.getName(), qtype, r, 0);
  }

  private int resolve(Zone zone, Name qname, int qtype, Message r, int depth) {
    boolean answered = false;
    if (qname.equals(zone.apex())) {
      if (qtype == Type.SOA || qtype == Type.ANY) {
        r.addRecord(zone.soa(), Section.ANSWER);
        answered = true;
      }
      if (qtype == Type.NS || qtype == Type.ANY) {
        r.addRecord(zone.ns(), Section.ANSWER);
        addGlue(zone, r);
        answered = true;
      }
    }
    Map<Integer, List<DnsRecordSet>> node = zone.node(qname);
    if (qtype == Type.ANY) {
      for (Map.Entry<Integer, List<DnsRecordSet>> e : node.entrySet()) {
        answered |= addSelection(qname, e.getKey(), e.getValue(), r);
      }
    } else if (node.containsKey(qtype)) {
      answered |= addSelection(qname, qtype, node.get(qtype), r);
    } else if (node.containsKey(Type.CNAME)) {
      List<Record> cname = select(qname, Type.CNAME, node.get(Type.CNAME));
      if (!cname.isEmpty()) {
        cname.forEach(c -> r.addRecord(c, Section.ANSWER));
        Name target = ((CNAMERecord) cname.get(0)).getTarget();
        if (depth < MAX_CNAME_CHAIN && target.subdomain(zone.apex())) {
          int rc = resolve(zone, target, qtype, r, depth + 1);
          if (rc == Rcode.NXDOMAIN) {
            return Rcode.NXDOMAIN;
          }
        }
        return Rcode.NOERROR;
      }
    }
    if (answered) {
      return Rcode.NOERROR;
    }
    r.addRecord(negativeSoa(zone), Section.AUTHORITY);
    return zone.exists(qname) ? Rcode.NOERROR : Rcode.NXDOMAIN;
  }

  private boolean addSelection(Name owner, int type, List<DnsRecordSet> sets, Message r) {
    List<Record> records = select(owner, type, sets);
    records.forEach(rec -> r.addRecord(rec, Section.ANSWER));
    return !records.isEmpty();
  }

  private List<Record> select(Name owner, int type, List<DnsRecordSet> sets) {
    Selection s;
    // Generators such as SplittableRandom are not thread-safe; UDP and TCP share this one.
    synchronized (random) {
      s = selector.select(sets, random);
    }
    return s.isEmpty() ? List.of() : ZoneIndex.toRecords(owner, type, s.ttlSeconds(), s.values());
  }

  private static void addGlue(Zone zone, Message r) {
    Map<Integer, List<DnsRecordSet>> glue = zone.node(zone.ns().getTarget());
    for (Map.Entry<Integer, List<DnsRecordSet>> e : glue.entrySet()) {
      for (DnsRecordSet set : e.getValue()) {
        ZoneIndex.toRecords(zone.ns().getTarget(), e.getKey(), set.ttlSeconds(), set.values())
            .forEach(rec -> r.addRecord(rec, Section.ADDITIONAL));
      }
    }
  }

  /** RFC 2308: the SOA in the authority section with TTL = min(SOA TTL, SOA minimum). */
  private static Record negativeSoa(Zone zone) {
    var soa = zone.soa();
    long ttl = Math.min(soa.getTTL(), soa.getMinimum());
    return new org.xbill.DNS.SOARecord(
        soa.getName(),
        DClass.IN,
        ttl,
        soa.getHost(),
        soa.getAdmin(),
        soa.getSerial(),
        soa.getRefresh(),
        soa.getRetry(),
        soa.getExpire(),
        soa.getMinimum());
  }

  /** A header-only FORMERR echoing the id, when at least the header can be read; else drop. */
  private static Reply formErr(byte[] query, int length) {
    if (length < HEADER_LENGTH) {
      return new Reply(Optional.empty(), Rcode.FORMERR);
    }
    boolean isResponse = (query[2] & 0x80) != 0;
    if (isResponse) {
      return new Reply(Optional.empty(), Rcode.FORMERR);
    }
    int id = ((query[0] & 0xff) << 8) | (query[1] & 0xff);
    int opcode = (query[2] >> 3) & 0x0f;
    Message r = new Message(id);
    r.getHeader().setFlag(Flags.QR);
    r.getHeader().setOpcode(opcode);
    r.getHeader().setRcode(Rcode.FORMERR);
    return new Reply(Optional.of(r.toWire()), Rcode.FORMERR);
  }
}
