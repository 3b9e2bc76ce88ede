package dev.meridian.aws.route53;

import dev.meridian.core.model.ChangeAction;
import dev.meridian.core.model.PlanChange;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits a list of changes into ChangeResourceRecordSets batches within Route 53's limits: at most
 * {@value #MAX_RECORDS} ResourceRecord elements and {@value #MAX_VALUE_CHARS} characters of values
 * per request, an UPSERT counting twice. Order is kept (the core's diff orders changes so that a
 * name never goes without an answer between batches).
 */
final class ChangeBatcher {
  static final int MAX_RECORDS = 1000;
  static final int MAX_VALUE_CHARS = 32_000;

  private ChangeBatcher() {}

  static List<List<PlanChange>> split(List<PlanChange> changes) {
    return split(changes, MAX_RECORDS, MAX_VALUE_CHARS);
  }

  static List<List<PlanChange>> split(List<PlanChange> changes, int maxRecords, int maxChars) {
    List<List<PlanChange>> batches = new ArrayList<>();
    List<PlanChange> current = new ArrayList<>();
    int records = 0;
    int chars = 0;
    for (PlanChange c : changes) {
      int factor = c.action() == ChangeAction.UPSERT ? 2 : 1;
      int r = factor * RecordSetMapper.recordCount(c.record());
      int ch = factor * RecordSetMapper.valueChars(c.record());
      if (r > maxRecords || ch > maxChars) {
        throw new IllegalArgumentException(
            "record set " + c.record().key() + " alone exceeds Route 53's change batch limits");
      }
      if (!current.isEmpty() && (records + r > maxRecords || chars + ch > maxChars)) {
        batches.add(List.copyOf(current));
        current.clear();
        records = 0;
        chars = 0;
      }
      current.add(c);
      records += r;
      chars += ch;
    }
    if (!current.isEmpty()) {
      batches.add(List.copyOf(current));
    }
    return batches;
  }
}
