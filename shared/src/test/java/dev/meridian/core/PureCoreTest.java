package dev.meridian.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Belt and braces next to maven-enforcer's banned dependencies (ADR 0001): the sources of shared/
 * import no AWS, Micronaut or CDK type, and the decision code reads neither the wall clock nor
 * global randomness.
 */
class PureCoreTest {
  static final Path MAIN = Path.of("src/main/java");
  static final Pattern BANNED_IMPORT =
      Pattern.compile(
          "^\\s*import\\s+(static\\s+)?(software\\.amazon|io\\.micronaut|com\\.amazonaws|software\\.constructs)\\.",
          Pattern.MULTILINE);
  static final Pattern HIDDEN_INPUTS =
      Pattern.compile(
          "Instant\\.now\\(|System\\.currentTimeMillis\\(|System\\.nanoTime\\(|Math\\.random\\(|new\\s+(java\\.util\\.)?Random\\(|Clock\\.system");

  static List<Path> sources() throws IOException {
    assertThat(MAIN).as("run from the shared/ module directory").isDirectory();
    try (Stream<Path> s = Files.walk(MAIN)) {
      return s.filter(p -> p.toString().endsWith(".java")).sorted().toList();
    }
  }

  @Test
  void importsNoAwsMicronautOrCdkTypes() throws IOException {
    List<String> offenders = new ArrayList<>();
    for (Path p : sources()) {
      if (BANNED_IMPORT.matcher(Files.readString(p)).find()) {
        offenders.add(p.toString());
      }
    }
    assertThat(offenders).isEmpty();
  }

  @Test
  void readsNoWallClockAndNoGlobalRandomness() throws IOException {
    List<String> offenders = new ArrayList<>();
    for (Path p : sources()) {
      String code = Files.readString(p);
      var m = HIDDEN_INPUTS.matcher(code);
      if (m.find()) {
        offenders.add(p + ": " + m.group());
      }
    }
    assertThat(offenders).isEmpty();
  }
}
