package dev.meridian.observability;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.meridian.core.model.ServiceName;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DecisionLogTest {
  private static final ServiceName SERVICE = ServiceName.of("api.example.com");

  @Test
  void writesOneEventWithDecisionServiceAndEvidenceAsKeyValues() {
    LoggerContext ctx = new LoggerContext();
    Logger logger = ctx.getLogger("test.decision");
    ListAppender<ILoggingEvent> list = new ListAppender<>();
    list.setContext(ctx);
    list.start();
    logger.addAppender(list);

    new DecisionLog(logger)
        .info(
            "endpoint.transition",
            SERVICE,
            "endpoint use1-a HEALTHY -> UNHEALTHY",
            Map.of("from", "HEALTHY", "to", "UNHEALTHY"));

    assertThat(list.list).hasSize(1);
    ILoggingEvent e = list.list.get(0);
    assertThat(e.getFormattedMessage()).isEqualTo("endpoint use1-a HEALTHY -> UNHEALTHY");
    Map<String, Object> kv = new LinkedHashMap<>();
    e.getKeyValuePairs().forEach(p -> kv.put(p.key, p.value));
    assertThat(kv)
        .containsEntry("decision", "endpoint.transition")
        .containsEntry("service", "api.example.com")
        .containsEntry("from", "HEALTHY")
        .containsEntry("to", "UNHEALTHY");
  }

  @Test
  void cutsLongValuesSoNoPayloadReachesTheLog() {
    String big = "x".repeat(10_000);
    assertThat(DecisionLog.cut(big)).hasSize(DecisionLog.MAX_VALUE);
  }

  @Test
  void productionLogbackConfigWritesOneJsonLinePerDecision() throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    PrintStream original = System.out;
    LoggerContext ctx = new LoggerContext();
    ctx.setMDCAdapter(new ch.qos.logback.classic.util.LogbackMDCAdapter());
    // The console appender binds to System.out when it starts: swap it before configuring.
    System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
    try {
      JoranConfigurator jc = new JoranConfigurator();
      jc.setContext(ctx);
      jc.doConfigure(getClass().getResource("/logback.xml"));
      new DecisionLog(ctx.getLogger(DecisionLog.LOGGER_NAME))
          .warn("panic.entered", SERVICE, "entered PANIC", Map.of("from", "NORMAL", "to", "PANIC"));
      ctx.stop();
    } finally {
      System.setOut(original);
    }

    String[] lines = out.toString(StandardCharsets.UTF_8).strip().split("\n");
    assertThat(lines).hasSize(1);
    JsonNode node = new ObjectMapper().readTree(lines[0]);
    assertThat(node.get("level").asText()).isEqualTo("WARN");
    assertThat(node.get("message").asText()).isEqualTo("entered PANIC");
    assertThat(node.get("loggerName").asText()).isEqualTo(DecisionLog.LOGGER_NAME);
    assertThat(node.get("kvpList").toString())
        .contains("\"decision\":\"panic.entered\"")
        .contains("\"service\":\"api.example.com\"")
        .contains("\"to\":\"PANIC\"");
  }
}
