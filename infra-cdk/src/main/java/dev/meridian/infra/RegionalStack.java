package dev.meridian.infra;

import dev.meridian.infra.constructs.MeridianAlarms;
import dev.meridian.infra.constructs.MeridianApi;
import dev.meridian.infra.constructs.MeridianDashboard;
import dev.meridian.infra.constructs.MeridianFunction;
import dev.meridian.infra.constructs.Nag;
import dev.meridian.infra.constructs.ProbeSchedule;
import dev.meridian.infra.constructs.ReplicaStreamLookup;
import dev.meridian.infra.constructs.TableAccess;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.CfnOutput;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.services.cloudwatch.IAlarm;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.lambda.Architecture;
import software.amazon.awscdk.services.lambda.Code;
import software.amazon.awscdk.services.lambda.EventInvokeConfigOptions;
import software.amazon.awscdk.services.lambda.EventSourceMapping;
import software.amazon.awscdk.services.lambda.EventSourceMappingOptions;
import software.amazon.awscdk.services.lambda.IFunction;
import software.amazon.awscdk.services.lambda.StartingPosition;
import software.amazon.awscdk.services.lambda.eventsources.SqsDlq;
import software.amazon.awscdk.services.logs.RetentionDays;
import software.amazon.awscdk.services.route53.HostedZone;
import software.amazon.awscdk.services.route53.HostedZoneAttributes;
import software.amazon.awscdk.services.route53.IHostedZone;
import software.amazon.awscdk.services.scheduler.Schedule;
import software.amazon.awscdk.services.scheduler.ScheduleExpression;
import software.amazon.awscdk.services.scheduler.ScheduleTargetInput;
import software.amazon.awscdk.services.scheduler.targets.LambdaInvoke;
import software.amazon.awscdk.services.sns.ITopic;
import software.amazon.awscdk.services.sns.Topic;
import software.amazon.awscdk.services.sns.subscriptions.EmailSubscription;
import software.amazon.awscdk.services.sqs.Queue;
import software.amazon.awscdk.services.sqs.QueueEncryption;
import software.constructs.Construct;

/**
 * Everything Meridian runs in one region, next to that region's replica of the global tables: the
 * probe (a vantage point), the aggregator on the local health stream, the scheduler that publishes
 * to Route 53, the API, and the region's dashboard and alarms.
 */
public final class RegionalStack extends Stack {
  public static final String PROBE_HANDLER = "dev.meridian.functions.probe.ProbeHandler";
  public static final String AGGREGATOR_HANDLER =
      "dev.meridian.functions.aggregator.AggregatorHandler";
  public static final String SCHEDULER_HANDLER =
      "dev.meridian.functions.scheduler.SchedulerHandler";
  public static final String API_HANDLER = "dev.meridian.functions.api.ApiHandler";

  /** The probe loops for about a minute per invocation; it must end before the next one. */
  static final Duration PROBE_TIMEOUT = Duration.seconds(70);

  static final Duration AGGREGATOR_TIMEOUT = Duration.seconds(60);
  static final Duration SCHEDULER_TIMEOUT = Duration.seconds(60);

  /** HTTP APIs wait at most 30 s for an integration. */
  static final Duration API_TIMEOUT = Duration.seconds(29);

  static final int STREAM_BATCH_SIZE = 100;
  static final int STREAM_RETRY_ATTEMPTS = 3;

  /** Older health changes are superseded by the next probe and the one-minute reconcile. */
  static final Duration STREAM_MAX_RECORD_AGE = Duration.minutes(15);

  /** Record types the scheduler may change: what the planner publishes plus ownership TXT. */
  public static final List<String> ROUTE53_RECORD_TYPES = List.of("A", "AAAA", "CNAME", "TXT");

  private final MeridianFunction probe;
  private final MeridianFunction aggregator;
  private final MeridianFunction scheduler;
  private final MeridianFunction apiFunction;
  private final MeridianApi api;
  private final MeridianAlarms alarms;
  private final EventSourceMapping healthStream;

  public RegionalStack(
      Construct scope, String id, StackProps props, MeridianConfig config, String region) {
    super(scope, id, props);
    TableNames tables = config.tables();
    RetentionDays retention = retention(config.logRetentionDays());
    // The API function gets the whole functions package; the event functions a package without
    // the HTTP API and its server stack, which starts faster (ADR 0011).
    Code apiCode = Code.fromAsset(config.functionsArtifact().toString());
    Code eventCode = Code.fromAsset(config.eventFunctionsArtifact().toString());
    Architecture architecture =
        config.lambdaArchitecture() == MeridianConfig.LambdaArchitecture.ARM64
            ? Architecture.ARM_64
            : Architecture.X86_64;

    Map<String, String> environment = new LinkedHashMap<>();
    environment.put("MERIDIAN_TABLES_PREFIX", config.tablePrefix());
    environment.put("MERIDIAN_ROUTE53_HOSTED_ZONE_ID", config.hostedZoneId());
    environment.put("MERIDIAN_ROUTE53_ZONE_NAME", config.zoneName());
    environment.put("MERIDIAN_PROBE_INTERVAL", config.probeIntervalText());
    environment.put("MERIDIAN_PROBE_SHARDS", Integer.toString(config.probeShards()));
    environment.put("MERIDIAN_VANTAGE", region);

    // --- scheduler: plans and publishes; one lease holder at a time, so little concurrency.
    scheduler =
        new MeridianFunction(
            this,
            "Scheduler",
            new MeridianFunction.Props(
                SCHEDULER_HANDLER,
                "Meridian scheduler: plan and publish Route 53 records (" + region + ")",
                eventCode,
                config.lambdaMemoryMb(),
                architecture,
                SCHEDULER_TIMEOUT,
                environment,
                retention,
                config.schedulerReservedConcurrency()));
    scheduler
        .allow(
            TableAccess.allow(
                this,
                tables.endpoints(),
                TableAccess.GET_ITEM,
                TableAccess.QUERY,
                TableAccess.SCAN))
        .allow(
            TableAccess.allow(
                this, tables.health(), TableAccess.GET_ITEM, TableAccess.QUERY, TableAccess.SCAN))
        .allow(
            TableAccess.allow(
                this,
                tables.control(),
                TableAccess.GET_ITEM,
                TableAccess.PUT_ITEM,
                TableAccess.UPDATE_ITEM,
                TableAccess.DELETE_ITEM,
                TableAccess.QUERY));
    IHostedZone zone =
        HostedZone.fromHostedZoneAttributes(
            this,
            "Zone",
            HostedZoneAttributes.builder()
                .hostedZoneId(config.hostedZoneId())
                .zoneName(config.zoneName())
                .build());
    route53(scheduler, zone, config);
    // Triggers from the aggregator are hints: the one-minute reconcile repairs anything dropped,
    // so a trigger that waited a minute is stale and a failed one is not retried.
    scheduler
        .alias()
        .configureAsyncInvoke(
            EventInvokeConfigOptions.builder()
                .maxEventAge(Duration.minutes(1))
                .retryAttempts(0)
                .build());
    Schedule.Builder.create(this, "ReconcileSchedule")
        .description("Meridian scheduler reconcile loop (" + region + ")")
        .schedule(ScheduleExpression.rate(Duration.minutes(1)))
        .target(
            LambdaInvoke.Builder.create(scheduler.alias())
                .input(ScheduleTargetInput.fromObject(Map.of("reconcile", true)))
                .retryAttempts(0)
                .maxEventAge(Duration.minutes(1))
                .build())
        .build();

    // --- probe: this region's vantage point.
    probe =
        new MeridianFunction(
            this,
            "Probe",
            new MeridianFunction.Props(
                PROBE_HANDLER,
                "Meridian probe: health and latency of every endpoint from " + region,
                eventCode,
                config.lambdaMemoryMb(),
                architecture,
                PROBE_TIMEOUT,
                environment,
                retention,
                null));
    probe
        .allow(
            TableAccess.allow(
                this,
                tables.endpoints(),
                TableAccess.SCAN,
                TableAccess.QUERY,
                TableAccess.GET_ITEM))
        .allow(
            TableAccess.allow(
                this,
                tables.health(),
                TableAccess.BATCH_WRITE_ITEM,
                TableAccess.PUT_ITEM,
                TableAccess.UPDATE_ITEM,
                TableAccess.GET_ITEM,
                TableAccess.QUERY));
    new ProbeSchedule(
        this, "ProbeSchedule", new ProbeSchedule.Props(probe.alias(), config.probeShards()));

    // --- aggregator: the local replica's health stream -> transitions -> scheduler trigger.
    Map<String, String> aggregatorEnvironment = new HashMap<>(environment);
    aggregatorEnvironment.put("MERIDIAN_SCHEDULER_FUNCTION", scheduler.alias().getFunctionArn());
    // Every replica streams every region's health writes; each region's aggregator handles only
    // its own vantage's records so that a change is aggregated once (ADR 0006).
    aggregatorEnvironment.put("MERIDIAN_AGGREGATOR_OWN_VANTAGE_ONLY", "true");
    aggregator =
        new MeridianFunction(
            this,
            "Aggregator",
            new MeridianFunction.Props(
                AGGREGATOR_HANDLER,
                "Meridian aggregator: health stream to transitions (" + region + ")",
                eventCode,
                config.lambdaMemoryMb(),
                architecture,
                AGGREGATOR_TIMEOUT,
                aggregatorEnvironment,
                retention,
                null));
    aggregator
        .allow(TableAccess.allow(this, tables.endpoints(), TableAccess.GET_ITEM, TableAccess.QUERY))
        .allow(TableAccess.allow(this, tables.health(), TableAccess.GET_ITEM, TableAccess.QUERY))
        // Control: audit appends and the announced-health item (read, conditional put; ADR 0010).
        .allow(
            TableAccess.allow(this, tables.control(), TableAccess.GET_ITEM, TableAccess.PUT_ITEM))
        .allow(
            PolicyStatement.Builder.create()
                .actions(List.of("lambda:InvokeFunction"))
                .resources(List.of(scheduler.alias().getFunctionArn()))
                .build());
    Queue streamFailures =
        Queue.Builder.create(this, "AggregatorFailures")
            .encryption(QueueEncryption.SQS_MANAGED)
            .enforceSsl(true)
            .retentionPeriod(Duration.days(14))
            .build();
    healthStream = streamTrigger(aggregator, tables.health(), streamFailures, retention);

    // --- API: service registration, status, plans, drills.
    apiFunction =
        new MeridianFunction(
            this,
            "Api",
            new MeridianFunction.Props(
                API_HANDLER,
                "Meridian API (" + region + ")",
                apiCode,
                config.lambdaMemoryMb(),
                architecture,
                API_TIMEOUT,
                environment,
                retention,
                null));
    String[] readWrite = {
      TableAccess.GET_ITEM,
      TableAccess.PUT_ITEM,
      TableAccess.UPDATE_ITEM,
      TableAccess.DELETE_ITEM,
      TableAccess.QUERY,
      TableAccess.SCAN
    };
    apiFunction
        .allow(TableAccess.allow(this, tables.endpoints(), readWrite))
        .allow(TableAccess.allow(this, tables.control(), readWrite))
        .allow(TableAccess.allow(this, tables.health(), TableAccess.QUERY, TableAccess.GET_ITEM));
    api =
        new MeridianApi(
            this,
            "ApiGateway",
            new MeridianApi.Props(
                apiFunction.alias(),
                config.apiThrottleRateLimit(),
                config.apiThrottleBurstLimit(),
                retention));

    // --- observability.
    List<ITopic> topics = new ArrayList<>();
    config
        .alarmEmail()
        .ifPresent(
            email -> {
              Topic topic =
                  Topic.Builder.create(this, "AlarmTopic")
                      .displayName("Meridian alarms (" + region + ")")
                      .enforceSsl(true)
                      .build();
              topic.addSubscription(new EmailSubscription(email));
              topics.add(topic);
            });
    config
        .alarmTopicArnIn(region)
        .ifPresent(arn -> topics.add(Topic.fromTopicArn(this, "ExternalAlarmTopic", arn)));

    Map<String, IFunction> functions =
        Map.of(
            "Probe", probe.function(),
            "Aggregator", aggregator.function(),
            "Scheduler", scheduler.function(),
            "Api", apiFunction.function());
    alarms =
        new MeridianAlarms(
            this,
            "Alarms",
            new MeridianAlarms.Props(
                region, functions, aggregator.function(), streamFailures, api.api(), topics));
    List<IAlarm> alarmList = new ArrayList<>(alarms.alarms().values());
    MeridianDashboard dashboard =
        new MeridianDashboard(
            this,
            "Dashboard",
            new MeridianDashboard.Props(
                "Meridian-" + region,
                region,
                functions,
                aggregator.function(),
                api.api(),
                alarmList));

    CfnOutput.Builder.create(this, "ApiUrl")
        .description("Base URL of the Meridian API (meridian --endpoint)")
        .value(api.url())
        .build();
    CfnOutput.Builder.create(this, "ApiCallerResourceArn")
        .description("Grant callers execute-api:Invoke on this ARN")
        .value(api.callerResourceArn())
        .build();
    CfnOutput.Builder.create(this, "SchedulerAliasArn")
        .value(scheduler.alias().getFunctionArn())
        .build();
    CfnOutput.Builder.create(this, "DashboardName")
        .value(dashboard.dashboard().getDashboardName())
        .build();
  }

  /**
   * The aggregator on the local replica's health stream: bisect a failing batch, retry a bounded
   * number of times, skip records too old to matter, and park what still fails in a queue.
   */
  private EventSourceMapping streamTrigger(
      MeridianFunction consumer, String tableName, Queue streamFailures, RetentionDays retention) {
    ReplicaStreamLookup stream =
        new ReplicaStreamLookup(this, "HealthStream", tableName, retention);
    consumer
        .allow(
            PolicyStatement.Builder.create()
                .actions(
                    List.of(
                        "dynamodb:DescribeStream",
                        "dynamodb:GetRecords",
                        "dynamodb:GetShardIterator"))
                .resources(List.of(stream.streamArn()))
                .build())
        // ListStreams has no resource-level permissions: AWS accepts only "*" here.
        .allow(
            PolicyStatement.Builder.create()
                .actions(List.of("dynamodb:ListStreams"))
                .resources(List.of("*"))
                .build());
    EventSourceMapping mapping =
        consumer
            .alias()
            .addEventSourceMapping(
                "HealthStream",
                EventSourceMappingOptions.builder()
                    .eventSourceArn(stream.streamArn())
                    .startingPosition(StartingPosition.LATEST)
                    .batchSize(STREAM_BATCH_SIZE)
                    .bisectBatchOnError(true)
                    .retryAttempts(STREAM_RETRY_ATTEMPTS)
                    .maxRecordAge(STREAM_MAX_RECORD_AGE)
                    .reportBatchItemFailures(true)
                    .parallelizationFactor(1)
                    .onFailure(new SqsDlq(streamFailures))
                    .build());
    Nag.suppressFindings(
        consumer.role(),
        "AwsSolutions-IAM5",
        "dynamodb:ListStreams has no resource-level permissions (the Service Authorization"
            + " Reference lists no resource type for it), so only Resource \"*\" works; Lambda's"
            + " event source mapping for DynamoDB Streams needs it. Every other stream action is"
            + " limited to the local replica's stream ARN.",
        "^Resource::\\*$");
    Nag.suppress(
        streamFailures,
        "AwsSolutions-SQS3",
        "This queue is itself the on-failure destination of the health stream mapping; a"
            + " dead-letter queue for it would only move the same records once more. Its depth"
            + " has an alarm (AggregatorFailedBatches).");
    // Lambda checks the role's stream permissions when it creates the mapping.
    mapping.getNode().addDependency(consumer.role());
    return mapping;
  }

  private void route53(MeridianFunction fn, IHostedZone zone, MeridianConfig config) {
    fn.allow(
            PolicyStatement.Builder.create()
                .actions(List.of("route53:ListResourceRecordSets"))
                .resources(List.of(zone.getHostedZoneArn()))
                .build())
        .allow(
            PolicyStatement.Builder.create()
                .actions(List.of("route53:ChangeResourceRecordSets"))
                .resources(List.of(zone.getHostedZoneArn()))
                .conditions(
                    Map.of(
                        "ForAllValues:StringLike",
                        Map.of(
                            "route53:ChangeResourceRecordSetsNormalizedRecordNames",
                            config.recordNames()),
                        "ForAllValues:StringEquals",
                        Map.of(
                            "route53:ChangeResourceRecordSetsRecordTypes", ROUTE53_RECORD_TYPES)))
                .build())
        // Change ids are only known after a change is submitted.
        .allow(
            PolicyStatement.Builder.create()
                .actions(List.of("route53:GetChange"))
                .resources(List.of("arn:" + Stack.of(this).getPartition() + ":route53:::change/*"))
                .build());
    Nag.suppressFindings(
        fn.role(),
        "AwsSolutions-IAM5",
        "route53:GetChange is granted on change/*: a change id exists only once"
            + " ChangeResourceRecordSets has returned it, and changes are not tied to a hosted zone"
            + " in IAM. GetChange only reads the status (PENDING/INSYNC) of a change.",
        "^Resource::arn:[^:]+:route53:::change/\\*$");
  }

  static RetentionDays retention(int days) {
    return switch (days) {
      case 1 -> RetentionDays.ONE_DAY;
      case 3 -> RetentionDays.THREE_DAYS;
      case 5 -> RetentionDays.FIVE_DAYS;
      case 7 -> RetentionDays.ONE_WEEK;
      case 14 -> RetentionDays.TWO_WEEKS;
      case 30 -> RetentionDays.ONE_MONTH;
      case 60 -> RetentionDays.TWO_MONTHS;
      case 90 -> RetentionDays.THREE_MONTHS;
      case 120 -> RetentionDays.FOUR_MONTHS;
      case 150 -> RetentionDays.FIVE_MONTHS;
      case 180 -> RetentionDays.SIX_MONTHS;
      case 365 -> RetentionDays.ONE_YEAR;
      case 400 -> RetentionDays.THIRTEEN_MONTHS;
      case 545 -> RetentionDays.EIGHTEEN_MONTHS;
      case 731 -> RetentionDays.TWO_YEARS;
      case 1096 -> RetentionDays.THREE_YEARS;
      case 1827 -> RetentionDays.FIVE_YEARS;
      case 2192 -> RetentionDays.SIX_YEARS;
      case 2557 -> RetentionDays.SEVEN_YEARS;
      case 2922 -> RetentionDays.EIGHT_YEARS;
      case 3288 -> RetentionDays.NINE_YEARS;
      case 3653 -> RetentionDays.TEN_YEARS;
      default -> throw new IllegalArgumentException("unsupported log retention: " + days + " days");
    };
  }

  public MeridianFunction probe() {
    return probe;
  }

  public MeridianFunction aggregator() {
    return aggregator;
  }

  public MeridianFunction scheduler() {
    return scheduler;
  }

  public MeridianFunction apiFunction() {
    return apiFunction;
  }

  public MeridianApi api() {
    return api;
  }

  public MeridianAlarms alarms() {
    return alarms;
  }

  public EventSourceMapping healthStream() {
    return healthStream;
  }
}
