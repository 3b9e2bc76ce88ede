package dev.meridian.core.model;

/** The DNS record type a service publishes. */
public enum RecordType {
  A,
  AAAA,
  CNAME
}
