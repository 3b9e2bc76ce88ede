package dev.meridian.functions.api;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import dev.meridian.api.auth.AuthMode;
import dev.meridian.api.auth.Authenticator;
import dev.meridian.api.auth.Caller;
import io.micronaut.context.annotation.Requires;
import io.micronaut.http.HttpRequest;
import io.micronaut.servlet.http.ServletHttpRequest;
import jakarta.inject.Singleton;

/**
 * AWS authentication: API Gateway's IAM authorizer has verified the SigV4 signature before the
 * function runs, and puts the caller's principal into the event's request context ({@code
 * requestContext.authorizer.iam.userArn}). A request without it did not come through an
 * IAM-authorized route (or not through API Gateway at all) and is refused.
 */
@Singleton
@Requires(condition = AuthMode.Iam.class)
public final class IamAuthenticator implements Authenticator {

  @Override
  public Result authenticate(HttpRequest<?> request) {
    if (request instanceof ServletHttpRequest<?, ?> servlet
        && servlet.getNativeRequest() instanceof APIGatewayV2HTTPEvent event) {
      String arn = userArn(event);
      if (arn != null && !arn.isBlank()) {
        return new Result.Authenticated(new Caller(arn));
      }
    }
    return new Result.Rejected(
        "the request carries no IAM identity; sign it with AWS SigV4 for the Meridian API", null);
  }

  static String userArn(APIGatewayV2HTTPEvent event) {
    var ctx = event.getRequestContext();
    if (ctx == null || ctx.getAuthorizer() == null || ctx.getAuthorizer().getIam() == null) {
      return null;
    }
    return ctx.getAuthorizer().getIam().getUserArn();
  }
}
