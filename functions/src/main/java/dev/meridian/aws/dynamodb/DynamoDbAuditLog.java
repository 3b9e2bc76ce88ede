package dev.meridian.aws.dynamodb;

import dev.meridian.core.model.AuditEvent;
import dev.meridian.core.model.InvalidValueException;
import dev.meridian.core.model.ServiceName;
import dev.meridian.core.port.AuditLog;
import dev.meridian.core.port.Page;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

/**
 * {@link AuditLog} on the control table: partition {@code AUDIT#<service>}, sort key {@code <epoch
 * millis, 15 digits>#<id>}, so a {@code Query} with {@code ScanIndexForward=false} lists newest
 * first. Each event carries {@code expiresAt} (TTL, default 30 days). Appends are idempotent
 * (conditional on the item not existing). The cursor is the URL-safe base64 of the last returned
 * sort key (the partition is implied by the service).
 */
public final class DynamoDbAuditLog implements AuditLog {
  public static final int MAX_LIMIT = 1000;
  private static final Pattern SORT_KEY = Pattern.compile("\\d{15}#.+");

  private final DynamoDbClient client;
  private final String table;
  private final StoreSettings settings;

  public DynamoDbAuditLog(DynamoDbClient client, TableNames tables, StoreSettings settings) {
    this.client = Objects.requireNonNull(client, "client");
    this.table = tables.control();
    this.settings = Objects.requireNonNull(settings, "settings");
  }

  @Override
  public void append(AuditEvent event) {
    Map<String, AttributeValue> item = ControlItems.toItem(event, settings.auditRetention());
    try {
      client.putItem(
          r -> r.tableName(table).item(item).conditionExpression(VersionedWrites.COND_CREATE));
    } catch (ConditionalCheckFailedException duplicate) {
      // The same event (time and id) was appended before, e.g. by a retried invocation.
    } catch (SdkException e) {
      throw DynamoErrors.translate("append audit event of " + event.service(), e);
    }
  }

  @Override
  public Page<AuditEvent> list(ServiceName service, Optional<String> cursor, int limit) {
    if (limit < 1 || limit > MAX_LIMIT) {
      throw new InvalidValueException("limit", limit, "must be between 1 and " + MAX_LIMIT);
    }
    String pk = Keys.audit(service);
    QueryRequest.Builder req =
        QueryRequest.builder()
            .tableName(table)
            .keyConditionExpression("#pk = :pk")
            .expressionAttributeNames(Map.of("#pk", Attr.PK))
            .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS(pk)))
            .scanIndexForward(false)
            // One more than asked, to know whether a next page exists.
            .limit(limit + 1);
    cursor.ifPresent(c -> req.exclusiveStartKey(Attr.key(pk, decodeCursor(c))));
    List<Map<String, AttributeValue>> items = new ArrayList<>();
    try {
      Map<String, AttributeValue> start = null;
      // A Query page may hold fewer items than its Limit (1 MB cap): keep reading until full.
      do {
        if (start != null) {
          req.exclusiveStartKey(start);
        }
        req.limit(limit + 1 - items.size());
        QueryResponse res = client.query(req.build());
        items.addAll(res.items());
        start =
            res.hasLastEvaluatedKey() && !res.lastEvaluatedKey().isEmpty()
                ? res.lastEvaluatedKey()
                : null;
      } while (start != null && items.size() <= limit);
    } catch (SdkException e) {
      throw DynamoErrors.translate("list audit events of " + service, e);
    }
    boolean more = items.size() > limit;
    List<Map<String, AttributeValue>> page = more ? items.subList(0, limit) : items;
    List<AuditEvent> events = page.stream().map(ControlItems::auditFrom).toList();
    Optional<String> next =
        more
            ? Optional.of(encodeCursor(Attr.s(page.get(page.size() - 1), Attr.SK)))
            : Optional.empty();
    return new Page<>(events, next);
  }

  static String encodeCursor(String sortKey) {
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(sortKey.getBytes(StandardCharsets.UTF_8));
  }

  static String decodeCursor(String cursor) {
    String sk;
    try {
      sk = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      sk = "";
    }
    if (!SORT_KEY.matcher(sk).matches()) {
      throw new InvalidValueException("cursor", cursor, "is not a cursor returned by this listing");
    }
    return sk;
  }
}
