package dev.meridian.core.model;

/** How a probe checks an endpoint. */
public enum Protocol {
  HTTP,
  HTTPS,
  TCP
}
