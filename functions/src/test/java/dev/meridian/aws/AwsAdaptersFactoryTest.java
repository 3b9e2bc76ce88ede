package dev.meridian.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.meridian.aws.dynamodb.DynamoDbAuditLog;
import dev.meridian.aws.dynamodb.DynamoDbDrillStore;
import dev.meridian.aws.dynamodb.DynamoDbEndpointRepository;
import dev.meridian.aws.dynamodb.DynamoDbHealthStore;
import dev.meridian.aws.dynamodb.DynamoDbLeaseStore;
import dev.meridian.aws.dynamodb.DynamoDbPlanStore;
import dev.meridian.aws.dynamodb.TableBootstrap;
import dev.meridian.aws.dynamodb.TableNames;
import dev.meridian.aws.route53.Route53DnsPublisher;
import dev.meridian.core.model.ServiceConfig;
import dev.meridian.core.model.ServiceName;
import dev.meridian.core.model.Versioned;
import dev.meridian.core.port.AuditLog;
import dev.meridian.core.port.DnsPublisher;
import dev.meridian.core.port.DrillStore;
import dev.meridian.core.port.EndpointRepository;
import dev.meridian.core.port.HealthStore;
import dev.meridian.core.port.LeaseStore;
import dev.meridian.core.port.PlanStore;
import dev.meridian.testing.DynaliteExtension;
import dev.meridian.testing.DynaliteServer;
import dev.meridian.testing.DynaliteTables;
import io.micronaut.context.ApplicationContext;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.route53.Route53Client;

/** The Micronaut wiring: one client of each kind, a DynamoDB bean per port, the DNS switch. */
@ExtendWith(DynaliteExtension.class)
class AwsAdaptersFactoryTest {

  static Map<String, Object> props(Object... kv) {
    Map<String, Object> m = new HashMap<>();
    m.put("aws.region", "us-east-1");
    m.put("micronaut.server.port", -1);
    m.put("meridian.aws.dynamodb-endpoint", "http://127.0.0.1:1");
    m.put("meridian.route53.hosted-zone-id", "/hostedzone/Z0123456789ABC");
    for (int i = 0; i < kv.length; i += 2) {
      m.put((String) kv[i], kv[i + 1]);
    }
    return m;
  }

  @Test
  void everyPort_isBackedByItsAwsAdapter_withExactlyOneClientOfEachKind() {
    try (ApplicationContext ctx = ApplicationContext.run(props())) {
      assertThat(ctx.getBeansOfType(DynamoDbClient.class)).hasSize(1);
      assertThat(ctx.getBeansOfType(LambdaClient.class)).hasSize(1);
      assertThat(ctx.getBeansOfType(Route53Client.class)).hasSize(1);
      assertThat(ctx.getBean(EndpointRepository.class))
          .isInstanceOf(DynamoDbEndpointRepository.class);
      assertThat(ctx.getBean(HealthStore.class)).isInstanceOf(DynamoDbHealthStore.class);
      assertThat(ctx.getBean(PlanStore.class)).isInstanceOf(DynamoDbPlanStore.class);
      assertThat(ctx.getBean(LeaseStore.class)).isInstanceOf(DynamoDbLeaseStore.class);
      assertThat(ctx.getBean(DrillStore.class)).isInstanceOf(DynamoDbDrillStore.class);
      assertThat(ctx.getBean(AuditLog.class)).isInstanceOf(DynamoDbAuditLog.class);
      assertThat(ctx.getBean(DnsPublisher.class)).isInstanceOf(Route53DnsPublisher.class);
      assertThat(ctx.getBean(TableNames.class)).isEqualTo(TableNames.withPrefix("meridian-"));
    }
  }

  @Test
  void localDnsMode_createsNoRoute53ClientOrPublisher() {
    try (ApplicationContext ctx =
        ApplicationContext.run(props("meridian.dns.publisher", "local"))) {
      assertThat(ctx.getBeansOfType(DnsPublisher.class)).isEmpty();
      assertThat(ctx.getBeansOfType(Route53Client.class)).isEmpty();
      assertThat(ctx.getBean(HealthStore.class)).isInstanceOf(DynamoDbHealthStore.class);
    }
  }

  @Test
  void aMissingHostedZoneId_failsNamingTheProperty() {
    Map<String, Object> p = props();
    p.remove("meridian.route53.hosted-zone-id");
    try (ApplicationContext ctx = ApplicationContext.run(p)) {
      assertThatThrownBy(() -> ctx.getBean(DnsPublisher.class))
          .hasStackTraceContaining("meridian.route53.hosted-zone-id");
    }
  }

  @Test
  void anUnknownRetryMode_failsNamingTheValue() {
    try (ApplicationContext ctx =
        ApplicationContext.run(props("meridian.aws.retry-mode", "eager"))) {
      assertThatThrownBy(() -> ctx.getBean(DynamoDbClient.class))
          .hasStackTraceContaining("retry mode must be 'adaptive' or 'standard', got 'eager'");
    }
  }

  @Test
  void theStores_reachTheConfiguredEndpoint_withTheConfiguredPrefix(DynaliteServer dynalite) {
    String prefix = DynaliteTables.uniquePrefix();
    try (ApplicationContext ctx =
        ApplicationContext.run(
            props(
                "meridian.aws.dynamodb-endpoint",
                dynalite.endpoint().toString(),
                "meridian.tables.prefix",
                prefix,
                "meridian.aws.retry-mode",
                "standard"))) {
      TableBootstrap.createIfMissing(
          ctx.getBean(DynamoDbClient.class), ctx.getBean(TableNames.class));
      EndpointRepository repo = ctx.getBean(EndpointRepository.class);
      ServiceName name = ServiceName.of("wired.example.com");

      repo.saveService(ServiceConfig.builder(name).build(), Versioned.NEW);

      assertThat(repo.findService(name)).isPresent();
      assertThat(ctx.getBean(DynamoDbClient.class).listTables().tableNames())
          .contains(prefix + "endpoints", prefix + "health", prefix + "control");
    }
  }
}
