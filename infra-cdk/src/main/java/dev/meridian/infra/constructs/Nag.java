package dev.meridian.infra.constructs;

import io.github.cdklabs.cdknag.NagPackSuppression;
import io.github.cdklabs.cdknag.NagSuppressions;
import io.github.cdklabs.cdknag.RegexAppliesTo;
import java.util.ArrayList;
import java.util.List;
import software.constructs.IConstruct;

/**
 * cdk-nag suppressions, each next to the construct that needs it and each with its reason. A
 * finding without a suppression fails synthesis (and so the build).
 */
public final class Nag {
  private Nag() {}

  /** Suppresses {@code ruleId} on {@code construct} and its children. */
  public static void suppress(IConstruct construct, String ruleId, String reason) {
    NagSuppressions.addResourceSuppressions(
        construct, List.of(NagPackSuppression.builder().id(ruleId).reason(reason).build()), true);
  }

  /**
   * Suppresses only the findings of a granular rule (such as AwsSolutions-IAM5) that match {@code
   * findingRegexes}, e.g. {@code ^Resource::\*$}.
   */
  public static void suppressFindings(
      IConstruct construct, String ruleId, String reason, String... findingRegexes) {
    List<Object> appliesTo = new ArrayList<>();
    for (String regex : findingRegexes) {
      appliesTo.add(RegexAppliesTo.builder().regex("/" + regex + "/").build());
    }
    NagSuppressions.addResourceSuppressions(
        construct,
        List.of(
            NagPackSuppression.builder().id(ruleId).reason(reason).appliesTo(appliesTo).build()),
        true);
  }
}
