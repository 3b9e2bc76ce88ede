package dev.meridian.api.auth;

import io.micronaut.context.condition.Condition;
import io.micronaut.context.condition.ConditionContext;
import io.micronaut.core.value.PropertyResolver;
import java.util.Locale;

/** How callers prove who they are: {@code meridian.api.auth}. */
public enum AuthMode {
  /** API Gateway IAM authorization (SigV4); the caller is the request context's IAM user ARN. */
  IAM,
  /** A local bearer token read from {@code meridian.api.token-file}. */
  TOKEN;

  /**
   * {@code meridian.api.auth}, else TOKEN in local mode ({@code meridian.mode=local}), else IAM.
   */
  public static AuthMode resolve(PropertyResolver properties) {
    String configured = properties.get("meridian.api.auth", String.class).orElse("");
    if (configured.isBlank()) {
      String mode = properties.get("meridian.mode", String.class).orElse("aws");
      return "local".equalsIgnoreCase(mode.trim()) ? TOKEN : IAM;
    }
    try {
      return valueOf(configured.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "meridian.api.auth must be 'iam' or 'token' (got '" + configured + "')", e);
    }
  }

  /** Bean condition: the configured mode is TOKEN. */
  public static final class Token implements Condition {
    @Override
    public boolean matches(ConditionContext context) {
      return resolve(context) == TOKEN;
    }
  }

  /** Bean condition: the configured mode is IAM. */
  public static final class Iam implements Condition {
    @Override
    public boolean matches(ConditionContext context) {
      return resolve(context) == IAM;
    }
  }
}
