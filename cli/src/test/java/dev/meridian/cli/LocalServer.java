package dev.meridian.cli;

import dev.meridian.local.LocalRuntime;
import dev.meridian.local.LocalSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * One local-mode runtime per test JVM (free ports, a temporary state directory, real probes from
 * three vantages, a 1 s reconcile), shared by the CLI test classes and stopped when the JVM's tests
 * end. Inject it as a test parameter.
 */
final class LocalServer implements ParameterResolver {
  /** The running runtime and its state directory. */
  record Running(LocalRuntime runtime, Path stateDir) implements AutoCloseable {
    @Override
    public void close() {
      runtime.close();
    }
  }

  @Override
  public boolean supportsParameter(ParameterContext p, ExtensionContext e) {
    return p.getParameter().getType() == Running.class;
  }

  @Override
  public Object resolveParameter(ParameterContext p, ExtensionContext e) {
    return e.getRoot()
        .getStore(ExtensionContext.Namespace.GLOBAL)
        .getOrComputeIfAbsent(Running.class, k -> start(), Running.class);
  }

  private static Running start() {
    try {
      Path state = Files.createTempDirectory("meridian-cli-test-");
      LocalSettings s =
          LocalSettings.defaults(state)
              .withPorts(0, 0)
              .withReconcileInterval(Duration.ofSeconds(1));
      return new Running(LocalRuntime.start(s), state);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
