package dev.meridian.core.model;

/** A region's role under the FAILOVER policy; NONE for the other policies. */
public enum FailoverRole {
  PRIMARY,
  SECONDARY,
  STANDBY,
  NONE
}
