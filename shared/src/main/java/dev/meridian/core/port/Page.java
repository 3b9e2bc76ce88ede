package dev.meridian.core.port;

import java.util.List;
import java.util.Optional;

/** One page of a listing, with an opaque cursor for the next page (empty on the last). */
public record Page<T>(List<T> items, Optional<String> next) {
  public Page {
    items = List.copyOf(items);
    next = next == null ? Optional.empty() : next;
  }
}
