package dev.meridian.functions.scheduler;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.meridian.core.model.ServiceName;
import dev.meridian.core.port.StoreUnavailableException;
import java.net.URI;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.retry.RetryPolicy;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.lambda.LambdaClient;

/** The asynchronous invoke at the wire level, against WireMock playing the Lambda API. */
class LambdaAsyncSchedulerTriggerTest {
  static final String FUNCTION = "meridian-scheduler";
  static final String PATH = "/2015-03-31/functions/" + FUNCTION + "/invocations";

  WireMockServer wm;
  LambdaClient lambda;

  @BeforeEach
  void start() {
    wm = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
    wm.start();
    lambda =
        LambdaClient.builder()
            .region(Region.US_EAST_1)
            .endpointOverride(URI.create("http://127.0.0.1:" + wm.port()))
            .credentialsProvider(
                StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDTEST", "secret")))
            .httpClient(UrlConnectionHttpClient.create())
            .overrideConfiguration(o -> o.retryPolicy(RetryPolicy.none()))
            .build();
  }

  @AfterEach
  void stop() {
    lambda.close();
    wm.stop();
  }

  @Test
  void invokesTheSchedulerAsynchronously_withTheServicesSorted() {
    wm.stubFor(post(urlEqualTo(PATH)).willReturn(aResponse().withStatus(202)));

    new LambdaAsyncSchedulerTrigger(lambda, FUNCTION)
        .trigger(Set.of(ServiceName.of("web.example.com"), ServiceName.of("api.example.com")));

    wm.verify(
        1,
        postRequestedFor(urlEqualTo(PATH))
            .withHeader("X-Amz-Invocation-Type", equalTo("Event"))
            .withRequestBody(
                equalToJson("{\"services\":[\"api.example.com\",\"web.example.com\"]}")));
  }

  @Test
  void nothingToTrigger_makesNoCall() {
    new LambdaAsyncSchedulerTrigger(lambda, FUNCTION).trigger(Set.of());

    assertThat(wm.getAllServeEvents()).isEmpty();
  }

  @Test
  void lambdaError_isReportedAsStoreUnavailable_keepingTheCause() {
    wm.stubFor(
        post(urlEqualTo(PATH))
            .willReturn(
                aResponse()
                    .withStatus(429)
                    .withHeader("x-amzn-ErrorType", "TooManyRequestsException")
                    .withBody("{\"message\":\"Rate Exceeded.\",\"Type\":\"User\"}")));

    assertThatThrownBy(
            () ->
                new LambdaAsyncSchedulerTrigger(lambda, FUNCTION)
                    .trigger(Set.of(ServiceName.of("api.example.com"))))
        .isInstanceOf(StoreUnavailableException.class)
        .hasMessageContaining("cannot invoke the scheduler")
        .hasCauseInstanceOf(software.amazon.awssdk.services.lambda.model.LambdaException.class);
  }

  @Test
  void blankFunctionName_isRejected() {
    assertThatThrownBy(() -> new LambdaAsyncSchedulerTrigger(lambda, " "))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("meridian.scheduler.function");
  }
}
