package dev.meridian.infra;

import io.github.cdklabs.cdknag.AwsSolutionsChecks;
import io.github.cdklabs.cdknag.NagPackProps;
import java.util.LinkedHashMap;
import java.util.Map;
import software.amazon.awscdk.App;
import software.amazon.awscdk.Aspects;
import software.amazon.awscdk.Environment;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.Tags;

/**
 * The Meridian CDK app. It only composes: configuration from the context, one {@link
 * GlobalTablesStack} in the primary region, one {@link RegionalStack} per region, cdk-nag on
 * everything. Run by the CDK CLI through {@code cdk.json}.
 */
public final class MeridianApp {
  public static final String GLOBAL_STACK_ID = "Meridian-Global";
  public static final String REGIONAL_STACK_PREFIX = "Meridian-";

  private MeridianApp() {}

  /** What {@link #compose} built, for tests and for {@link #main}. */
  public record Deployment(
      MeridianConfig config, GlobalTablesStack globalTables, Map<String, RegionalStack> regional) {
    public Deployment {
      regional = Map.copyOf(regional);
    }
  }

  public static void main(String[] args) {
    App app = new App();
    compose(app, System.getenv("CDK_DEFAULT_ACCOUNT"));
    app.synth();
  }

  /**
   * Builds every stack into {@code app} from its context.
   *
   * @param defaultAccount the account when the context names none (the CLI's credentials); {@code
   *     null} synthesizes account-agnostic templates, as offline synthesis does
   */
  public static Deployment compose(App app, String defaultAccount) {
    MeridianConfig config = MeridianConfig.fromContext(key -> app.getNode().tryGetContext(key));
    String account = config.account().orElse(defaultAccount);

    GlobalTablesStack global =
        new GlobalTablesStack(
            app,
            GLOBAL_STACK_ID,
            props(account, config.primaryRegion(), "Meridian global tables"),
            config);

    Map<String, RegionalStack> regional = new LinkedHashMap<>();
    for (String region : config.regions()) {
      RegionalStack stack =
          new RegionalStack(
              app,
              REGIONAL_STACK_PREFIX + region,
              props(account, region, "Meridian in " + region),
              config,
              region);
      // Ordering only (no cross-region reference): the replica must exist before its stream is
      // read.
      stack.addStackDependency(global, "the local replica of the global tables");
      regional.put(region, stack);
    }

    Tags.of(app).add("app", "meridian");
    Aspects.of(app).add(new AwsSolutionsChecks(NagPackProps.builder().verbose(true).build()));
    return new Deployment(config, global, regional);
  }

  private static StackProps props(String account, String region, String description) {
    return StackProps.builder()
        .env(Environment.builder().account(account).region(region).build())
        .description(description)
        .build();
  }
}
