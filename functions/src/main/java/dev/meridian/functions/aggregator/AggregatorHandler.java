package dev.meridian.functions.aggregator;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.StreamRecord;
import dev.meridian.app.aggregator.AggregationResult;
import dev.meridian.app.aggregator.AggregatorService;
import dev.meridian.app.aggregator.HealthChange;
import dev.meridian.core.model.VantageHealth;
import dev.meridian.functions.FunctionContexts;
import dev.meridian.observability.DecisionLog;
import dev.meridian.observability.EmfMetrics;
import dev.meridian.observability.MeridianMetrics;
import io.micronaut.context.ApplicationContextBuilder;
import io.micronaut.context.annotation.Value;
import io.micronaut.function.aws.MicronautRequestHandler;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The aggregator Lambda on the health table's stream (NEW_AND_OLD_IMAGES). Converts the records of
 * one shard's batch into {@link HealthChange}s in order and hands them to the {@link
 * AggregatorService}. Partial batch failures: a record that cannot be parsed or processed is
 * reported in {@code batchItemFailures} together with every record after it (Lambda resumes the
 * shard from the lowest reported sequence number, so the rest of the batch is redelivered anyway;
 * nothing after the failure is processed, so redelivery does not repeat audit events). The event
 * source mapping must enable {@code ReportBatchItemFailures}.
 *
 * <p>With global tables every region's replica streams every vantage's writes. With {@code
 * meridian.aggregator.own-vantage-only=true} (set it on AWS, with {@code meridian.vantage}) each
 * region's aggregator handles only the records its own vantage wrote, so each change is aggregated
 * exactly once across regions; the quorum itself is still evaluated over every vantage's record.
 */
public class AggregatorHandler
    extends MicronautRequestHandler<DynamodbEvent, StreamsEventResponse> {

  @Inject AggregatorService aggregator;
  @Inject MeridianMetrics metrics;
  @Inject DecisionLog decisions;

  @Value("${meridian.aggregator.own-vantage-only:false}")
  boolean ownVantageOnly;

  @Value("${meridian.vantage:}")
  String vantage;

  public AggregatorHandler() {}

  /** Lazily initialised singletons: see {@link FunctionContexts}. */
  @Override
  protected ApplicationContextBuilder newApplicationContextBuilder() {
    return FunctionContexts.lambda();
  }

  /** For tests and local wiring: a context built from {@code builder}. */
  public AggregatorHandler(ApplicationContextBuilder builder) {
    super(builder);
  }

  @Override
  public StreamsEventResponse execute(DynamodbEvent event) {
    if (ownVantageOnly && (vantage == null || vantage.isBlank())) {
      throw new IllegalStateException(
          "meridian.aggregator.own-vantage-only needs meridian.vantage (this region's vantage)");
    }
    try {
      List<DynamodbEvent.DynamodbStreamRecord> records =
          event == null || event.getRecords() == null ? List.of() : event.getRecords();
      List<HealthChange> changes = new ArrayList<>(records.size());
      List<String> unparsed = new ArrayList<>();
      for (var record : records) {
        if (!unparsed.isEmpty()) {
          unparsed.add(sequenceNumber(record));
          continue;
        }
        try {
          HealthChange change = toChange(record);
          if (!ownVantageOnly || change.vantage().code().equals(vantage)) {
            changes.add(change);
          }
        } catch (RuntimeException e) {
          String seq = sequenceNumber(record);
          unparsed.add(seq);
          decisions.warn(
              "aggregator.bad_record",
              null,
              "stream record cannot be read; it and the rest of the batch are reported",
              Map.of(
                  "sequenceNumber",
                  seq,
                  "eventName",
                  String.valueOf(record.getEventName()),
                  "error",
                  e.getClass().getSimpleName() + ": " + e.getMessage()));
        }
      }
      AggregationResult result = aggregator.onHealthChanges(changes);
      List<StreamsEventResponse.BatchItemFailure> failures = new ArrayList<>();
      result.failed().forEach(id -> failures.add(new StreamsEventResponse.BatchItemFailure(id)));
      unparsed.forEach(id -> failures.add(new StreamsEventResponse.BatchItemFailure(id)));
      return new StreamsEventResponse(failures);
    } finally {
      if (metrics instanceof EmfMetrics emf) {
        emf.flush();
      }
    }
  }

  static HealthChange toChange(DynamodbEvent.DynamodbStreamRecord record) {
    StreamRecord r = record.getDynamodb();
    if (r == null) {
      throw new IllegalArgumentException("record has no 'dynamodb' body");
    }
    Optional<VantageHealth> before = image(r.getOldImage());
    Optional<VantageHealth> after = image(r.getNewImage());
    if (before.isEmpty() && after.isEmpty()) {
      throw new IllegalArgumentException(
          "record has neither NewImage nor OldImage (stream view type must be NEW_AND_OLD_IMAGES)");
    }
    return HealthChange.of(sequenceNumber(record), before, after);
  }

  private static Optional<VantageHealth> image(
      Map<String, com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue> m) {
    return m == null || m.isEmpty() ? Optional.empty() : Optional.of(HealthStreamImages.from(m));
  }

  private static String sequenceNumber(DynamodbEvent.DynamodbStreamRecord record) {
    StreamRecord r = record.getDynamodb();
    if (r == null || r.getSequenceNumber() == null) {
      // Without a sequence number Lambda cannot resume from this record; report the event id so
      // that Lambda treats the whole batch as failed rather than silently skipping it.
      return String.valueOf(record.getEventID());
    }
    return r.getSequenceNumber();
  }
}
