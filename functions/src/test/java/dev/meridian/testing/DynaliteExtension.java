package dev.meridian.testing;

import java.time.Duration;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Runs tests against a real DynamoDB wire protocol: one dynalite process per test JVM, started on
 * first use and stopped when the JVM's tests are done.
 *
 * <pre>{@code
 * @ExtendWith(DynaliteExtension.class)
 * class EndpointTableTest {
 *   @Test
 *   void savesEndpoint(DynamoDbClient dynamo, DynaliteServer server) { ... }
 * }
 * }</pre>
 *
 * <p>Parameters of type {@link DynamoDbClient} (one client, built once, pointing at the server) and
 * {@link DynaliteServer} (endpoint, port, stop/start) are injected into constructors, test and
 * lifecycle methods. Test classes share the server: give tables unique names with {@link
 * DynaliteTables#uniquePrefix()}. A test that {@link DynaliteServer#stop() stops} the server should
 * start it again; the extension also restarts it before each test.
 *
 * <p>Needs Node 20+ on PATH and {@code npm ci} run at the repo root; otherwise the tests fail (they
 * do not skip) with a message saying which of the two is missing.
 */
public final class DynaliteExtension
    implements BeforeAllCallback, BeforeEachCallback, ParameterResolver {

  /** Dynalite ignores credentials, but the SDK signs every request. */
  static final AwsCredentialsProvider DUMMY_CREDENTIALS =
      StaticCredentialsProvider.create(AwsBasicCredentials.create("dynalite", "dynalite"));

  private static final ExtensionContext.Namespace NAMESPACE =
      ExtensionContext.Namespace.create(DynaliteExtension.class);
  private static final String KEY = "dynalite";

  /**
   * The server shared by every test of this JVM, started on first call. For other extensions (e.g.
   * one that hands the endpoint to a Micronaut context).
   */
  public static DynaliteServer server(ExtensionContext context) {
    return shared(context).server();
  }

  /** The client shared by every test of this JVM. */
  public static DynamoDbClient client(ExtensionContext context) {
    return shared(context).client();
  }

  @Override
  public void beforeAll(ExtensionContext context) {
    shared(context);
  }

  @Override
  public void beforeEach(ExtensionContext context) {
    // A test that stopped the server and failed before starting it again must not break the next.
    shared(context).server().start();
  }

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    Class<?> type = parameter.getParameter().getType();
    return type == DynamoDbClient.class || type == DynaliteServer.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    Shared shared = shared(context);
    return parameter.getParameter().getType() == DynamoDbClient.class
        ? shared.client()
        : shared.server();
  }

  private static Shared shared(ExtensionContext context) {
    // The root store outlives every test class and closes AutoCloseable values at the end.
    return context
        .getRoot()
        .getStore(NAMESPACE)
        .getOrComputeIfAbsent(KEY, key -> Shared.start(), Shared.class);
  }

  /** The process and the client, closed together when the root context closes. */
  record Shared(DynaliteServer server, DynamoDbClient client) implements AutoCloseable {

    static Shared start() {
      DynaliteServer server = DynaliteServer.launch();
      try {
        return new Shared(server, newClient(server));
      } catch (RuntimeException e) {
        server.close();
        throw e;
      }
    }

    @Override
    public void close() {
      try {
        client.close();
      } finally {
        server.close();
      }
    }
  }

  /**
   * A client for the server: us-east-1, dummy credentials, and the fastest synchronous HTTP client
   * on the classpath (Apache, when present, does ~4x the puts per second of url-connection against
   * dynalite).
   */
  static DynamoDbClient newClient(DynaliteServer server) {
    return DynamoDbClient.builder()
        .endpointOverride(server.endpoint())
        .region(Region.US_EAST_1)
        .credentialsProvider(DUMMY_CREDENTIALS)
        .httpClient(httpClient())
        .overrideConfiguration(c -> c.apiCallTimeout(Duration.ofSeconds(30)))
        .build();
  }

  private static SdkHttpClient httpClient() {
    for (String builderOwner :
        new String[] {
          "software.amazon.awssdk.http.apache.ApacheHttpClient",
          "software.amazon.awssdk.http.apache5.Apache5HttpClient"
        }) {
      SdkHttpClient client = reflectiveClient(builderOwner);
      if (client != null) {
        return client;
      }
    }
    return UrlConnectionHttpClient.builder()
        .connectionTimeout(Duration.ofSeconds(2))
        .socketTimeout(Duration.ofSeconds(20))
        .build();
  }

  /** Built by reflection so the harness compiles whichever HTTP clients the module declares. */
  private static SdkHttpClient reflectiveClient(String className) {
    try {
      Class<?> type = Class.forName(className, true, DynaliteExtension.class.getClassLoader());
      Object builder = type.getMethod("builder").invoke(null);
      return ((SdkHttpClient.Builder<?>) builder).build();
    } catch (ReflectiveOperationException | LinkageError | ClassCastException absent) {
      return null;
    }
  }
}
