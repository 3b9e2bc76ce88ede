package dev.meridian.contract;

import static dev.meridian.contract.Fixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.meridian.core.model.AuditEvent;
import dev.meridian.core.model.InvalidValueException;
import dev.meridian.core.model.ServiceName;
import dev.meridian.core.port.AuditLog;
import dev.meridian.core.port.Page;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every {@link AuditLog} guarantees; run by the fake and the DynamoDB adapter. */
public abstract class AuditLogContract {
  protected AuditLog audit;

  protected abstract AuditLog newLog();

  @BeforeEach
  void setUpLog() {
    audit = newLog();
  }

  @Test
  void list_isNewestFirst_andRoundTripsEveryField() {
    ServiceName s = Fixtures.uniqueService();
    AuditEvent first = Fixtures.event(s, "e1", T0);
    AuditEvent second =
        new AuditEvent(
            s,
            "e2",
            T0.plusSeconds(1),
            AuditEvent.Kind.PLAN_PUBLISHED,
            "scheduler",
            "published weights eu=200 us=55",
            Map.of("changeId", "C2", "token", "7"));
    AuditEvent bare =
        new AuditEvent(s, "e3", T0.plusSeconds(2), AuditEvent.Kind.PANIC, null, null, null);
    audit.append(first);
    audit.append(second);
    audit.append(bare);

    Page<AuditEvent> page = audit.list(s, Optional.empty(), 10);

    assertThat(page.items()).containsExactly(bare, second, first);
    assertThat(page.next()).isEmpty();
  }

  @Test
  void pagination_walksEveryEventOnce_beyondOnePage() {
    ServiceName s = Fixtures.uniqueService();
    List<AuditEvent> appended = new ArrayList<>();
    for (int i = 0; i < 25; i++) {
      AuditEvent e = Fixtures.event(s, String.format("e%02d", i), T0.plusMillis(i * 10L));
      audit.append(e);
      appended.add(0, e);
    }

    List<AuditEvent> seen = new ArrayList<>();
    List<Integer> sizes = new ArrayList<>();
    Optional<String> cursor = Optional.empty();
    for (int pages = 0; pages < 10; pages++) {
      Page<AuditEvent> page = audit.list(s, cursor, 10);
      seen.addAll(page.items());
      sizes.add(page.items().size());
      cursor = page.next();
      if (cursor.isEmpty()) {
        break;
      }
    }

    assertThat(sizes).containsExactly(10, 10, 5);
    assertThat(seen).containsExactlyElementsOf(appended);
  }

  @Test
  void aFullLastPage_hasNoNextCursor() {
    ServiceName s = Fixtures.uniqueService();
    for (int i = 0; i < 4; i++) {
      audit.append(Fixtures.event(s, "e" + i, T0.plusSeconds(i)));
    }

    Page<AuditEvent> first = audit.list(s, Optional.empty(), 2);
    Page<AuditEvent> second = audit.list(s, first.next(), 2);

    assertThat(first.next()).isPresent();
    assertThat(second.items()).hasSize(2);
    assertThat(second.next()).isEmpty();
  }

  @Test
  void eventsAtTheSameMillisecond_areOrderedByIdDescending() {
    ServiceName s = Fixtures.uniqueService();
    audit.append(Fixtures.event(s, "a", T0));
    audit.append(Fixtures.event(s, "c", T0));
    audit.append(Fixtures.event(s, "b", T0));

    assertThat(audit.list(s, Optional.empty(), 10).items().stream().map(AuditEvent::id))
        .containsExactly("c", "b", "a");
  }

  @Test
  void appendingTheSameEventTwice_keepsOneCopy() {
    ServiceName s = Fixtures.uniqueService();
    AuditEvent e = Fixtures.event(s, "once", T0);

    audit.append(e);
    audit.append(e);

    assertThat(audit.list(s, Optional.empty(), 10).items()).containsExactly(e);
  }

  @Test
  void listing_isScopedToTheService_andEmptyForAnUnknownOne() {
    ServiceName s = Fixtures.uniqueService();
    audit.append(Fixtures.event(s, "mine", T0));

    Page<AuditEvent> other = audit.list(Fixtures.uniqueService(), Optional.empty(), 5);

    assertThat(other.items()).isEmpty();
    assertThat(other.next()).isEmpty();
  }

  @Test
  void aMalformedCursor_orABadLimit_isAnInvalidValue() {
    ServiceName s = Fixtures.uniqueService();

    assertThatThrownBy(() -> audit.list(s, Optional.of("not a cursor!"), 5))
        .isInstanceOfSatisfying(
            InvalidValueException.class, e -> assertThat(e.field()).isEqualTo("cursor"));
    assertThatThrownBy(() -> audit.list(s, Optional.of("Zm9v"), 5))
        .isInstanceOf(InvalidValueException.class);
    assertThatThrownBy(() -> audit.list(s, Optional.empty(), 0))
        .isInstanceOfSatisfying(
            InvalidValueException.class, e -> assertThat(e.field()).isEqualTo("limit"));
    assertThatThrownBy(() -> audit.list(s, Optional.empty(), 1001))
        .isInstanceOf(InvalidValueException.class);
  }
}
