package dev.meridian.infra;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.assertions.Template;

/**
 * The standard test deployment (three regions, three probe shards, an alarm e-mail), composed and
 * synthesized once per test JVM: synthesis is the expensive step, and the templates are immutable,
 * so every test class asserts on the same ones.
 */
final class StandardDeployment {
  private StandardDeployment() {}

  private static MeridianApp.Deployment deployment;
  private static Template global;
  private static final Map<String, Template> regional = new LinkedHashMap<>();

  static synchronized MeridianApp.Deployment deployment() {
    if (deployment == null) {
      deployment = TestApps.standard();
    }
    return deployment;
  }

  static synchronized Template global() {
    if (global == null) {
      global = Template.fromStack(deployment().globalTables());
    }
    return global;
  }

  static synchronized Template regional(String region) {
    return regional.computeIfAbsent(
        region, r -> Template.fromStack(deployment().regional().get(r)));
  }

  /** Every template: the global stack's, then one per region. */
  static List<Template> all() {
    List<Template> all = new java.util.ArrayList<>();
    all.add(global());
    TestApps.REGIONS.forEach(r -> all.add(regional(r)));
    return all;
  }
}
