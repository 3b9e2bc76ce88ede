package dev.meridian.aws;

import dev.meridian.aws.dynamodb.DynamoDbAggregatedHealthStore;
import dev.meridian.aws.dynamodb.DynamoDbAuditLog;
import dev.meridian.aws.dynamodb.DynamoDbDrillStore;
import dev.meridian.aws.dynamodb.DynamoDbEndpointRepository;
import dev.meridian.aws.dynamodb.DynamoDbHealthStore;
import dev.meridian.aws.dynamodb.DynamoDbLeaseStore;
import dev.meridian.aws.dynamodb.DynamoDbPlanStore;
import dev.meridian.aws.dynamodb.StoreSettings;
import dev.meridian.aws.dynamodb.TableNames;
import dev.meridian.aws.route53.Route53Clients;
import dev.meridian.aws.route53.Route53DnsPublisher;
import dev.meridian.core.port.AggregatedHealthStore;
import dev.meridian.core.port.AuditLog;
import dev.meridian.core.port.DnsPublisher;
import dev.meridian.core.port.DrillStore;
import dev.meridian.core.port.EndpointRepository;
import dev.meridian.core.port.HealthStore;
import dev.meridian.core.port.LeaseStore;
import dev.meridian.core.port.PlanStore;
import dev.meridian.observability.MeridianMetrics;
import io.micronaut.aws.sdk.v2.service.dynamodb.DynamoDbClientFactory;
import io.micronaut.context.BeanProvider;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Replaces;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.Optional;
import java.util.random.RandomGenerator;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.route53.Route53Client;

/**
 * Micronaut wiring of the AWS adapters: the SDK clients, built once (they replace the clients
 * micronaut-aws-sdk-v2 would auto-configure, so there is exactly one of each), and a bean for every
 * port backed by DynamoDB. The Route 53 publisher is only created when {@code
 * meridian.dns.publisher} is {@code route53} (the default); local mode sets it to {@code local} and
 * supplies its own {@link DnsPublisher}.
 */
@Factory
public class AwsAdaptersFactory {
  public static final String DNS_PUBLISHER_PROPERTY = "meridian.dns.publisher";

  @Singleton
  @Replaces(value = DynamoDbClient.class, factory = DynamoDbClientFactory.class)
  DynamoDbClient dynamoDbClient(AwsConfiguration aws, @Value("${aws.region:}") String region) {
    return AwsClients.dynamoDb(
        aws.clientSettings(region, aws.getDynamodbEndpoint()), Optional.empty());
  }

  @Singleton
  @Replaces(LambdaClient.class)
  LambdaClient lambdaClient(AwsConfiguration aws, @Value("${aws.region:}") String region) {
    return AwsClients.lambda(aws.clientSettings(region, aws.getLambdaEndpoint()), Optional.empty());
  }

  @Singleton
  @Requires(property = DNS_PUBLISHER_PROPERTY, value = "route53", defaultValue = "route53")
  Route53Client route53Client(Route53Configuration r53, AwsConfiguration aws) {
    return Route53Clients.create(
        Optional.ofNullable(r53.getRegion()),
        Optional.ofNullable(r53.getEndpoint()),
        Optional.empty(),
        aws.getConnectTimeout(),
        aws.getSocketTimeout());
  }

  @Singleton
  TableNames tableNames(TablesConfiguration tables) {
    return tables.tableNames();
  }

  @Singleton
  StoreSettings storeSettings() {
    return StoreSettings.DEFAULT;
  }

  @Singleton
  EndpointRepository endpointRepository(DynamoDbClient client, TableNames tables) {
    return new DynamoDbEndpointRepository(client, tables);
  }

  @Singleton
  HealthStore healthStore(DynamoDbClient client, TableNames tables, StoreSettings settings) {
    return new DynamoDbHealthStore(
        client, tables, settings, Sleeper.SYSTEM, RandomGenerator.getDefault());
  }

  @Singleton
  PlanStore planStore(DynamoDbClient client, TableNames tables) {
    return new DynamoDbPlanStore(client, tables);
  }

  @Singleton
  LeaseStore leaseStore(DynamoDbClient client, TableNames tables) {
    return new DynamoDbLeaseStore(client, tables);
  }

  @Singleton
  DrillStore drillStore(DynamoDbClient client, TableNames tables, StoreSettings settings) {
    return new DynamoDbDrillStore(client, tables, settings);
  }

  @Singleton
  AggregatedHealthStore aggregatedHealthStore(
      DynamoDbClient client, TableNames tables, StoreSettings settings) {
    return new DynamoDbAggregatedHealthStore(client, tables, settings);
  }

  @Singleton
  AuditLog auditLog(DynamoDbClient client, TableNames tables, StoreSettings settings) {
    return new DynamoDbAuditLog(client, tables, settings);
  }

  @Singleton
  @Requires(property = DNS_PUBLISHER_PROPERTY, value = "route53", defaultValue = "route53")
  DnsPublisher route53DnsPublisher(
      Route53Client client,
      Route53Configuration r53,
      BeanProvider<Clock> clock,
      BeanProvider<MeridianMetrics> metrics) {
    return new Route53DnsPublisher(
        client,
        r53.settings(),
        clock.find(null).orElseGet(Clock::systemUTC),
        Sleeper.SYSTEM,
        RandomGenerator.getDefault(),
        metrics.find(null).orElse(MeridianMetrics.NOOP));
  }
}
