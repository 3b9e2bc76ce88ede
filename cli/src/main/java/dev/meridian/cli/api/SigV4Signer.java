package dev.meridian.cli.api;

import dev.meridian.cli.CliException;
import dev.meridian.cli.ExitCodes;
import java.net.URI;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;

/**
 * Signs API requests with AWS Signature Version 4 for API Gateway ({@code execute-api}), with
 * credentials from the default AWS chain (environment, {@code --profile}, SSO, instance role, …).
 */
public final class SigV4Signer implements RequestSigner {
  public static final String SERVICE = "execute-api";

  private final AwsCredentialsProvider credentials;
  private final String region;
  private final AwsV4HttpSigner signer = AwsV4HttpSigner.create();

  public SigV4Signer(AwsCredentialsProvider credentials, String region) {
    this.credentials = credentials;
    this.region = region;
  }

  @Override
  public Map<String, List<String>> sign(
      String method, URI uri, Map<String, List<String>> headers, byte[] body) {
    AwsCredentials creds;
    try {
      creds = credentials.resolveCredentials();
    } catch (SdkClientException e) {
      throw new CliException(
          ExitCodes.AUTH,
          "no AWS credentials for signing the request: "
              + firstLine(e.getMessage())
              + " (configure the default chain or pass --profile)",
          e);
    }
    SdkHttpRequest.Builder request =
        SdkHttpRequest.builder().method(SdkHttpMethod.fromValue(method)).uri(uri);
    headers.forEach(request::putHeader);
    SignedRequest signed =
        signer.sign(
            r ->
                r.identity(creds)
                    .request(request.build())
                    .payload(ContentStreamProvider.fromByteArray(body))
                    .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, SERVICE)
                    .putProperty(AwsV4HttpSigner.REGION_NAME, region));
    Map<String, List<String>> added = new HashMap<>();
    signed
        .request()
        .forEachHeader(
            (name, values) -> {
              String n = name.toLowerCase(java.util.Locale.ROOT);
              // java.net.http sets Host itself and refuses it as a user header.
              if (!n.equals("host") && !headers.containsKey(n)) {
                added.put(n, values);
              }
            });
    return added;
  }

  private static String firstLine(String s) {
    if (s == null) {
      return "unknown reason";
    }
    int nl = s.indexOf('\n');
    return nl < 0 ? s : s.substring(0, nl);
  }
}
