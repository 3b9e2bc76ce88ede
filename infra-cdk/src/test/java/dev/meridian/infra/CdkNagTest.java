package dev.meridian.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.cdklabs.cdknag.AwsSolutionsChecks;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.App;
import software.amazon.awscdk.Aspects;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.assertions.Annotations;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.cxapi.SynthesisMessage;
import software.amazon.awscdk.services.sqs.Queue;

/** cdk-nag's AwsSolutions pack runs on every stack; anything it reports fails the build. */
class CdkNagTest {
  private static List<Stack> stacks;

  @BeforeAll
  static void synthesize() {
    MeridianApp.Deployment d = StandardDeployment.deployment();
    stacks = new ArrayList<>();
    stacks.add(d.globalTables());
    stacks.addAll(d.regional().values());
  }

  @Test
  void noStack_hasAnUnsuppressedErrorOrWarning() {
    List<String> findings = new ArrayList<>();
    for (Stack stack : stacks) {
      Annotations annotations = Annotations.fromStack(stack);
      for (SynthesisMessage m : annotations.findError("*", Match.anyValue())) {
        findings.add("ERROR " + m.getId() + ": " + m.getEntry().getData());
      }
      for (SynthesisMessage m : annotations.findWarning("*", Match.anyValue())) {
        findings.add("WARN " + m.getId() + ": " + m.getEntry().getData());
      }
    }
    assertThat(findings).as(String.join("\n", findings)).isEmpty();
  }

  @Test
  void everyStack_isCheckedByTheAwsSolutionsPack() {
    assertThat(Aspects.of(stacks.getFirst().getNode().getScope()).getAll())
        .anyMatch(AwsSolutionsChecks.class::isInstance);
  }

  /** The guard itself: an unsuppressed finding makes synthesis fail (and so the build). */
  @Test
  void anUnsuppressedFinding_failsSynthesis() {
    App app = TestApps.app(Map.of());
    Stack stack = new Stack(app, "Insecure");
    Queue.Builder.create(stack, "PlainQueue").build(); // no DLQ, no TLS-only policy
    Aspects.of(app).add(new AwsSolutionsChecks());
    assertThatThrownBy(app::synth).hasMessageContaining("Validation failed");
  }
}
