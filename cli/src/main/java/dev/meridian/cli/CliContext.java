package dev.meridian.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.meridian.cli.api.ApiClient;
import dev.meridian.cli.api.RequestSigner;
import dev.meridian.cli.api.SigV4Signer;
import dev.meridian.cli.out.Json;
import dev.meridian.cli.out.OutputFormat;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain;

/**
 * What a command runs with: the streams, the environment, the global options and, built on first
 * use, the API client. Tests create one with their own streams and state directory.
 */
public final class CliContext {
  public static final URI DEFAULT_LOCAL_API = URI.create("http://127.0.0.1:8787");

  private final PrintStream out;
  private final PrintStream err;
  private final InputStream in;
  private final Map<String, String> env;
  private final Path home;
  private final boolean interactive;
  private final Clock clock;
  private Main.GlobalOptions options = new Main.GlobalOptions();
  private ApiClient api;
  private BufferedReader reader;

  public CliContext(
      PrintStream out,
      PrintStream err,
      InputStream in,
      Map<String, String> env,
      Path home,
      boolean interactive,
      Clock clock) {
    this.out = out;
    this.err = err;
    this.in = in;
    this.env = env;
    this.home = home;
    this.interactive = interactive;
    this.clock = clock;
  }

  /** The real process: System streams, environment and home; interactive if a console exists. */
  public static CliContext system() {
    return new CliContext(
        System.out,
        System.err,
        System.in,
        System.getenv(),
        Path.of(System.getProperty("user.home")),
        System.console() != null,
        Clock.systemUTC());
  }

  void options(Main.GlobalOptions o) {
    this.options = o;
  }

  public Main.GlobalOptions options() {
    return options;
  }

  public PrintStream out() {
    return out;
  }

  public PrintStream err() {
    return err;
  }

  /** Standard input (files given as {@code -}). */
  public InputStream in() {
    return in;
  }

  public Clock clock() {
    return clock;
  }

  public Map<String, String> env() {
    return env;
  }

  /** Whether a person is at the terminal (confirmation prompts, redrawing live views). */
  public boolean interactive() {
    return interactive;
  }

  public boolean json() {
    return options.output == OutputFormat.JSON;
  }

  public StateDir stateDir() {
    return StateDir.resolve(options.stateDir, env, home);
  }

  /** Reads one line of input (for confirmations); empty at end of input. */
  public Optional<String> readLine() {
    try {
      if (reader == null) {
        reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      }
      return Optional.ofNullable(reader.readLine());
    } catch (java.io.IOException e) {
      return Optional.empty();
    }
  }

  /** Prints an API answer as JSON (the raw document, indented). */
  public void printJson(JsonNode node) {
    try {
      out.println(Json.MAPPER.writeValueAsString(node));
    } catch (java.io.IOException e) {
      throw new CliException(ExitCodes.FAILURE, "cannot print JSON: " + e.getMessage(), e);
    }
  }

  /**
   * The API client: {@code --endpoint}, else the local state directory's {@code api-url}, else
   * {@value #DEFAULT_LOCAL_API_TEXT}. Loopback endpoints use the local bearer token; others are
   * signed with SigV4 (credentials from the default AWS chain, {@code --profile}, {@code
   * --region}).
   */
  public ApiClient api() {
    if (api == null) {
      StateDir state = stateDir();
      URI base =
          options.endpoint != null
              ? options.endpoint
              : state.read(StateDir.API_URL).map(URI::create).orElse(DEFAULT_LOCAL_API);
      RequestSigner signer;
      String hint;
      if (isLoopback(base)) {
        signer = state.read(StateDir.TOKEN).map(RequestSigner::bearer).orElse(RequestSigner.NONE);
        hint =
            "; is local mode running? start it with `meridian local up` (state dir "
                + state.path()
                + ")";
      } else {
        signer = sigV4();
        hint = "";
      }
      api = new ApiClient(base, signer, Json.MAPPER, hint);
    }
    return api;
  }

  private static final String DEFAULT_LOCAL_API_TEXT = "http://127.0.0.1:8787";

  private RequestSigner sigV4() {
    DefaultCredentialsProvider.Builder creds = DefaultCredentialsProvider.builder();
    if (options.profile != null) {
      creds.profileName(options.profile);
    }
    String region = options.awsRegion;
    if (region == null) {
      try {
        region = DefaultAwsRegionProviderChain.builder().build().getRegion().id();
      } catch (RuntimeException e) {
        throw new CliException(
            ExitCodes.USAGE,
            "no AWS region for signing requests: pass --region or set AWS_REGION",
            e);
      }
    }
    return new SigV4Signer(creds.build(), region);
  }

  static boolean isLoopback(URI uri) {
    String host = uri.getHost();
    if (host == null) {
      return false;
    }
    if (host.equalsIgnoreCase("localhost")) {
      return true;
    }
    if (!host.matches("[0-9.]+") && !host.contains(":") && !host.startsWith("[")) {
      return false; // a name: never resolve it just to decide how to sign
    }
    try {
      return InetAddress.getByName(host).isLoopbackAddress();
    } catch (UnknownHostException e) {
      return false;
    }
  }
}
