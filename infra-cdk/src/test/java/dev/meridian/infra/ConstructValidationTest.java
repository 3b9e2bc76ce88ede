package dev.meridian.infra;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.meridian.infra.constructs.MeridianFunction;
import dev.meridian.infra.constructs.ProbeSchedule;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.App;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.Environment;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.lambda.Architecture;
import software.amazon.awscdk.services.lambda.Code;
import software.amazon.awscdk.services.logs.RetentionDays;

/** The constructs refuse what would deploy but be wrong. */
class ConstructValidationTest {

  private static MeridianFunction function(Stack stack, String handler) {
    return new MeridianFunction(
        stack,
        "Fn",
        new MeridianFunction.Props(
            handler,
            "test",
            Code.fromAsset(TestApps.context(Map.of()).get("functionsArtifact").toString()),
            512,
            Architecture.ARM_64,
            Duration.seconds(10),
            Map.of(),
            RetentionDays.ONE_WEEK,
            null));
  }

  private static Stack stack(App app) {
    return new Stack(
        app,
        "Test",
        StackProps.builder().env(Environment.builder().region("eu-west-1").build()).build());
  }

  @Test
  void meridianFunction_rejectsAWildcardAction() {
    App app = new App();
    MeridianFunction fn = function(stack(app), "dev.meridian.functions.api.ApiHandler");
    fn.allow(
        PolicyStatement.Builder.create()
            .actions(List.of("dynamodb:*"))
            .resources(List.of("arn:aws:dynamodb:eu-west-1:123456789012:table/t"))
            .build());
    assertThatThrownBy(app::synth).hasMessageContaining("wildcard action 'dynamodb:*'");
  }

  @Test
  void meridianFunction_rejectsAHandlerThatIsNotAJavaClass() {
    App app = new App();
    function(stack(app), "index.handler");
    assertThatThrownBy(app::synth).hasMessageContaining("'index.handler' is not a Java handler");
  }

  @Test
  void meridianFunction_setsJavaToolOptionsItself() {
    assertThatThrownBy(
            () ->
                new MeridianFunction.Props(
                    "a.B",
                    "test",
                    Code.fromInline("x"),
                    512,
                    Architecture.ARM_64,
                    Duration.seconds(1),
                    Map.of("JAVA_TOOL_OPTIONS", "-Xmx1g"),
                    RetentionDays.ONE_WEEK,
                    null))
        .hasMessageContaining("JAVA_TOOL_OPTIONS is set by MeridianFunction");
  }

  @Test
  void probeSchedule_rejectsTooManyShards() {
    App app = new App();
    Stack stack = stack(app);
    MeridianFunction fn = function(stack, "dev.meridian.functions.probe.ProbeHandler");
    new ProbeSchedule(stack, "Probe", new ProbeSchedule.Props(fn.alias(), 51));
    assertThatThrownBy(app::synth)
        .hasMessageContaining("probe shards must be between 1 and 50, got 51");
  }
}
