package dev.meridian.core.model;

/** A DNS change action, as in Route 53's ChangeResourceRecordSets (CREATE is not used). */
public enum ChangeAction {
  UPSERT,
  DELETE
}
