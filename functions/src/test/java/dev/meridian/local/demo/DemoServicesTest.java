package dev.meridian.local.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class DemoServicesTest {
  private static final String TOKEN = "a-demo-token-of-some-length";
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
  private DemoServices demo;

  @BeforeEach
  void start() {
    demo =
        DemoServices.start(
            List.of(
                new DemoServices.Placement("us-east-1", "127.0.0.11", 0),
                new DemoServices.Placement("us-west-2", "127.0.0.12", 0)),
            TOKEN);
  }

  @AfterEach
  void stop() {
    demo.close();
  }

  private HttpResponse<String> get(String region, String path)
      throws IOException, InterruptedException {
    SampleService s = demo.region(region).orElseThrow();
    return http.send(
        HttpRequest.newBuilder(URI.create("http://" + s.host() + ":" + s.port() + path))
            .timeout(Duration.ofSeconds(2))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> control(String path, String token)
      throws IOException, InterruptedException {
    return http.send(
        HttpRequest.newBuilder(URI.create(demo.controlUrl() + path))
            .header("Authorization", "Bearer " + token)
            .POST(HttpRequest.BodyPublishers.noBody())
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void sampleServicesAnswerWithTheirRegion_onTheirOwnLoopbackAddress() throws Exception {
    HttpResponse<String> health = get("us-east-1", "/health");
    assertThat(health.statusCode()).isEqualTo(200);
    assertThat(health.body()).contains("ok us-east-1");
    HttpResponse<String> root = get("us-west-2", "/");
    assertThat(root.headers().firstValue("X-Region")).contains("us-west-2");
    assertThat(root.body()).contains("\"address\":\"127.0.0.12\"");
  }

  @Test
  void failDown_stopsListening_andHealRestartsOnTheSamePort() throws Exception {
    int port = demo.region("us-west-2").orElseThrow().port();
    assertThat(control("/regions/us-west-2/fail?mode=down", TOKEN).statusCode()).isEqualTo(200);
    assertThatThrownBy(() -> get("us-west-2", "/health")).isInstanceOf(ConnectException.class);
    assertThat(get("us-east-1", "/health").statusCode()).isEqualTo(200);

    HttpResponse<String> healed = control("/regions/us-west-2/heal", TOKEN);
    assertThat(healed.body()).contains("us-west-2 127.0.0.12:" + port + " HEALTHY");
    assertThat(get("us-west-2", "/health").statusCode()).isEqualTo(200);
  }

  @Test
  void failUnhealthy_answers503() throws Exception {
    control("/regions/us-east-1/fail?mode=unhealthy", TOKEN);
    assertThat(get("us-east-1", "/health").statusCode()).isEqualTo(503);
    assertThat(get("us-east-1", "/").statusCode()).isEqualTo(503);
  }

  @Test
  void theControlServer_needsTheToken_andKnowsItsRegions() throws Exception {
    assertThat(control("/regions/us-east-1/fail", "wrong").statusCode()).isEqualTo(401);
    assertThat(get("us-east-1", "/health").statusCode()).isEqualTo(200);
    HttpResponse<String> unknown = control("/regions/ap-south-1/fail", TOKEN);
    assertThat(unknown.statusCode()).isEqualTo(404);
    assertThat(unknown.body()).contains("no sample service in region ap-south-1");
    assertThat(control("/regions/us-east-1/fail?mode=sideways", TOKEN).statusCode()).isEqualTo(400);
  }
}
