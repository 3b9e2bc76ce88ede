package dev.meridian.infra.constructs;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;
import software.amazon.awscdk.Annotations;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.iam.Role;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.amazon.awscdk.services.lambda.Alias;
import software.amazon.awscdk.services.lambda.Architecture;
import software.amazon.awscdk.services.lambda.Code;
import software.amazon.awscdk.services.lambda.Function;
import software.amazon.awscdk.services.lambda.Runtime;
import software.amazon.awscdk.services.lambda.SnapStartConf;
import software.amazon.awscdk.services.lambda.VersionOptions;
import software.amazon.awscdk.services.logs.LogGroup;
import software.amazon.awscdk.services.logs.RetentionDays;
import software.constructs.Construct;

/**
 * One Meridian Lambda function the way every one of them is deployed: Java 21 with SnapStart on
 * published versions, an alias ({@value #ALIAS_NAME}) that every trigger targets, a log group with
 * retention, the AWS SDK HTTP client chosen explicitly, and a role of its own that starts with
 * nothing but writing to that log group. Callers add the exact statements the function needs with
 * {@link #allow}.
 */
public final class MeridianFunction extends Construct {
  /** Every trigger invokes this alias, so SnapStart's published version serves all traffic. */
  public static final String ALIAS_NAME = "live";

  /**
   * With several SDK HTTP clients on the classpath the SDK picks one by itself; url-connection is
   * the small, fast-starting one that restores cleanly from a SnapStart snapshot.
   */
  public static final String SDK_HTTP_CLIENT_OPTION =
      "-Dsoftware.amazon.awssdk.http.service.impl="
          + "software.amazon.awssdk.http.urlconnection.UrlConnectionSdkHttpService";

  /** C1 only: the fastest start for short invocations (AWS's Java cold-start advice). */
  public static final String JAVA_TOOL_OPTIONS =
      SDK_HTTP_CLIENT_OPTION + " -XX:+TieredCompilation -XX:TieredStopAtLevel=1";

  private static final Pattern JAVA_HANDLER =
      Pattern.compile(
          "^[a-z][a-z0-9_]*(\\.[a-z][a-z0-9_]*)*\\.[A-Z][A-Za-z0-9_]*(::[a-zA-Z_]\\w*)?$");
  private static final Pattern WILDCARD_ACTION = Pattern.compile(".*\\*.*");

  /**
   * What differs between the functions.
   *
   * @param handler fully qualified handler class, e.g. {@code
   *     dev.meridian.functions.api.ApiHandler}
   * @param reservedConcurrency {@code null} for none
   */
  public record Props(
      String handler,
      String description,
      Code code,
      int memoryMb,
      Architecture architecture,
      Duration timeout,
      Map<String, String> environment,
      RetentionDays logRetention,
      Integer reservedConcurrency) {
    public Props {
      Objects.requireNonNull(handler, "handler");
      Objects.requireNonNull(description, "description");
      Objects.requireNonNull(code, "code");
      Objects.requireNonNull(architecture, "architecture");
      Objects.requireNonNull(timeout, "timeout");
      Objects.requireNonNull(logRetention, "logRetention");
      environment = Map.copyOf(environment);
      if (environment.containsKey("JAVA_TOOL_OPTIONS")) {
        throw new IllegalArgumentException("JAVA_TOOL_OPTIONS is set by MeridianFunction itself");
      }
    }
  }

  private final Role role;
  private final LogGroup logGroup;
  private final Function function;
  private final Alias alias;
  private final List<PolicyStatement> allowed = new ArrayList<>();

  public MeridianFunction(Construct scope, String id, Props props) {
    super(scope, id);

    logGroup =
        LogGroup.Builder.create(this, "Logs")
            .retention(props.logRetention())
            .removalPolicy(RemovalPolicy.DESTROY)
            .build();

    // No managed policy (AWSLambdaBasicExecutionRole allows logs:* on every log group): the role
    // may write to this function's log group and do what allow() adds, nothing else.
    role =
        Role.Builder.create(this, "Role")
            .assumedBy(new ServicePrincipal("lambda.amazonaws.com"))
            .description(props.description())
            .build();
    logGroup.grantWrite(role);

    Map<String, String> environment = new LinkedHashMap<>(props.environment());
    environment.put("JAVA_TOOL_OPTIONS", JAVA_TOOL_OPTIONS);

    function =
        Function.Builder.create(this, "Function")
            .description(props.description())
            .runtime(Runtime.JAVA_21)
            .architecture(props.architecture())
            .handler(props.handler())
            .code(props.code())
            .memorySize(props.memoryMb())
            .timeout(props.timeout())
            .role(role)
            .logGroup(logGroup)
            .environment(environment)
            .reservedConcurrentExecutions(props.reservedConcurrency())
            .snapStart(SnapStartConf.ON_PUBLISHED_VERSIONS)
            // Old versions go once the alias has moved on; nothing else refers to them.
            .currentVersionOptions(
                VersionOptions.builder().removalPolicy(RemovalPolicy.DESTROY).build())
            .build();
    // The warning says SnapStart needs a published version: the alias below publishes one.
    Annotations.of(function)
        .acknowledgeWarning(
            "@aws-cdk/aws-lambda:snapStartRequirePublish",
            "currentVersion is published and every trigger targets the alias");

    Nag.suppress(
        function,
        "AwsSolutions-L1",
        "Meridian targets the java21 runtime on purpose: the build compiles with --release 21 and"
            + " SnapStart, the SDK and Micronaut are verified on it; moving to a newer Java runtime"
            + " is a deliberate upgrade, not a side effect of a new CDK release.");

    alias =
        Alias.Builder.create(this, "Alias")
            .aliasName(ALIAS_NAME)
            .version(function.getCurrentVersion())
            .build();

    String handler = props.handler();
    getNode()
        .addValidation(
            () -> {
              List<String> errors = new ArrayList<>();
              if (!JAVA_HANDLER.matcher(handler).matches()) {
                errors.add(
                    "handler '" + handler + "' is not a Java handler (package.Class[::method])");
              }
              for (PolicyStatement statement : allowed) {
                for (String action : statement.getActions()) {
                  if (WILDCARD_ACTION.matcher(action).matches()) {
                    errors.add("wildcard action '" + action + "' granted to " + handler);
                  }
                }
              }
              return errors;
            });
  }

  /** Grants the function's role exactly this statement (no wildcard actions, checked at synth). */
  public MeridianFunction allow(PolicyStatement statement) {
    allowed.add(statement);
    role.addToPrincipalPolicy(statement);
    return this;
  }

  public Role role() {
    return role;
  }

  public LogGroup logGroup() {
    return logGroup;
  }

  public Function function() {
    return function;
  }

  /** The alias every trigger (schedule, stream, API, async invoke) targets. */
  public Alias alias() {
    return alias;
  }
}
