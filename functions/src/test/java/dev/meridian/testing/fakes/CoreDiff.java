package dev.meridian.testing.fakes;

import dev.meridian.core.model.DnsRecordSet;
import dev.meridian.core.model.PlanChange;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.List;

/**
 * Calls the core's {@code dev.meridian.core.dns.RecordDiff.diff(desired, published)}. Bound at run
 * time only until the core's class is merged into this branch; then this becomes a direct call.
 */
final class CoreDiff {
  private CoreDiff() {}

  private static final MethodHandle DIFF = find();

  private static MethodHandle find() {
    try {
      Class<?> type = Class.forName("dev.meridian.core.dns.RecordDiff");
      return MethodHandles.publicLookup()
          .findStatic(type, "diff", MethodType.methodType(List.class, List.class, List.class));
    } catch (ReflectiveOperationException e) {
      return null;
    }
  }

  @SuppressWarnings("unchecked")
  static List<PlanChange> diff(List<DnsRecordSet> desired, List<DnsRecordSet> published) {
    if (DIFF == null) {
      throw new IllegalStateException(
          "dev.meridian.core.dns.RecordDiff is not on the classpath yet (merge main)");
    }
    try {
      return (List<PlanChange>) DIFF.invoke(desired, published);
    } catch (RuntimeException | Error e) {
      throw e;
    } catch (Throwable t) {
      throw new IllegalStateException(t);
    }
  }
}
