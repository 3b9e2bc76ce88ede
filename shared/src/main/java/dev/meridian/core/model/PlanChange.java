package dev.meridian.core.model;

/** One change to published DNS: UPSERT or DELETE of one record set. */
public record PlanChange(ChangeAction action, DnsRecordSet record) {
  public PlanChange {
    Validation.notNull(action, "action");
    Validation.notNull(record, "record");
  }
}
