package dev.meridian.functions.aggregator;

import static dev.meridian.functions.HandlerFixtures.SERVICE;
import static dev.meridian.functions.HandlerFixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue;
import dev.meridian.aws.dynamodb.DynamoDbStores;
import dev.meridian.aws.dynamodb.TableNames;
import dev.meridian.core.model.EndpointId;
import dev.meridian.core.model.HealthState;
import dev.meridian.core.model.Region;
import dev.meridian.core.model.VantageHealth;
import dev.meridian.functions.HandlerFixtures;
import dev.meridian.testing.DynaliteExtension;
import dev.meridian.testing.DynaliteTables;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;

/**
 * The stream image mapper reads exactly what the health store writes: a record is written through
 * the real DynamoDB adapter, read back raw, converted to the stream event's attribute model (as
 * DynamoDB Streams delivers it) and parsed.
 */
@ExtendWith(DynaliteExtension.class)
class HealthStreamImagesTest {

  @Test
  void roundTripsWhatTheHealthStoreWrites(DynamoDbClient dynamo) {
    TableNames tables = TableNames.withPrefix(DynaliteTables.uniquePrefix());
    DynamoDbStores stores = HandlerFixtures.stores(dynamo, tables);
    VantageHealth written =
        new VantageHealth(
            SERVICE,
            EndpointId.of("ep-1"),
            Region.of("eu-west-1"),
            HealthState.DOWN,
            0,
            4,
            T0,
            Optional.of(T0.minusSeconds(30)),
            Optional.empty(),
            1234.5,
            T0.minusSeconds(30),
            true,
            87.25,
            Optional.of("status 503"));
    stores.health().putAll(List.of(written));
    var raw = dynamo.scan(ScanRequest.builder().tableName(tables.health()).build()).items();
    assertThat(raw).hasSize(1);

    VantageHealth read = HealthStreamImages.from(toStreamModel(raw.get(0)));

    assertThat(read).isEqualTo(written);
  }

  @Test
  void missingAttribute_isNamedInTheError() {
    assertThatThrownBy(() -> HealthStreamImages.from(Map.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'service'");
  }

  static Map<String, AttributeValue> toStreamModel(
      Map<String, software.amazon.awssdk.services.dynamodb.model.AttributeValue> sdk) {
    Map<String, AttributeValue> out = new HashMap<>();
    sdk.forEach(
        (k, v) -> {
          AttributeValue a = new AttributeValue();
          if (v.s() != null) {
            a.setS(v.s());
          } else if (v.n() != null) {
            a.setN(v.n());
          } else if (v.bool() != null) {
            a.setBOOL(v.bool());
          } else if (Boolean.TRUE.equals(v.nul())) {
            a.setNULL(true);
          } else {
            throw new IllegalStateException("unexpected attribute type in health item: " + k);
          }
          out.put(k, a);
        });
    return out;
  }
}
