package dev.meridian.cli.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.meridian.cli.CliException;
import dev.meridian.cli.ExitCodes;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkClientException;

class SigV4SignerTest {
  @Test
  void signsForExecuteApi_inTheGivenRegion_overTheBody() {
    SigV4Signer signer =
        new SigV4Signer(
            StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDEXAMPLE", "secret")),
            "eu-west-1");
    byte[] body = "{\"region\":\"us-east-1\"}".getBytes(StandardCharsets.UTF_8);
    Map<String, List<String>> added =
        signer.sign(
            "POST",
            URI.create(
                "https://abc123.execute-api.eu-west-1.amazonaws.com/v1/services/a.test/drills"),
            Map.of("content-type", List.of("application/json")),
            body);
    assertThat(added.get("authorization").get(0))
        .startsWith("AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/")
        .contains("/eu-west-1/execute-api/aws4_request")
        .contains("SignedHeaders=")
        .contains("content-type");
    assertThat(added).containsKey("x-amz-date").doesNotContainKey("host");
  }

  @Test
  void missingCredentials_areAnAuthError() {
    SigV4Signer signer =
        new SigV4Signer(
            () -> {
              throw SdkClientException.create("Unable to load credentials from any provider");
            },
            "us-east-1");
    assertThatThrownBy(
            () ->
                signer.sign(
                    "GET", URI.create("https://x.example/v1/services"), Map.of(), new byte[0]))
        .isInstanceOfSatisfying(
            CliException.class,
            e -> {
              assertThat(e.exitCode()).isEqualTo(ExitCodes.AUTH);
              assertThat(e.getMessage()).contains("--profile");
            });
  }
}
