package dev.meridian.cli;

import dev.meridian.cli.commands.CompletionCommand;
import dev.meridian.cli.commands.DemoCommand;
import dev.meridian.cli.commands.DrillCommand;
import dev.meridian.cli.commands.EndpointsCommand;
import dev.meridian.cli.commands.EventsCommand;
import dev.meridian.cli.commands.LocalCommand;
import dev.meridian.cli.commands.PlanCommand;
import dev.meridian.cli.commands.ServicesCommand;
import dev.meridian.cli.commands.StatusCommand;
import dev.meridian.cli.out.OutputFormat;
import java.net.URI;
import java.nio.file.Path;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/** Entry point of {@code meridian}, the operator CLI. */
@Command(
    name = "meridian",
    mixinStandardHelpOptions = true,
    version = "meridian 0.1.0-SNAPSHOT",
    description = {
      "Meridian, the multi-region global traffic router: operator CLI.",
      "Talks to the API on AWS (SigV4) or to local mode (token from the state directory)."
    },
    subcommands = {
      ServicesCommand.class,
      EndpointsCommand.class,
      StatusCommand.class,
      PlanCommand.class,
      DrillCommand.class,
      EventsCommand.class,
      LocalCommand.class,
      DemoCommand.class,
      CompletionCommand.class,
      CommandLine.HelpCommand.class
    },
    footer = {
      "",
      "Exit codes: 0 ok, 1 failure, 2 usage or invalid input, 3 not found,",
      "4 conflict or refused, 5 API unreachable, 6 authentication.",
      "Docs: docs/cli.md, docs/local-mode.md"
    })
public final class Main implements Runnable {

  /** Options every command accepts, before or after its name. */
  public static final class GlobalOptions {
    @Option(
        names = "--endpoint",
        scope = ScopeType.INHERIT,
        paramLabel = "URL",
        description =
            "API base URL (default: the state directory's api-url, else http://127.0.0.1:8787).")
    public URI endpoint;

    @Option(
        names = "--profile",
        scope = ScopeType.INHERIT,
        description = "AWS profile for signing requests (non-loopback endpoints).")
    public String profile;

    @Option(
        names = "--aws-region",
        scope = ScopeType.INHERIT,
        paramLabel = "REGION",
        description = "AWS region for signing (also `meridian --region R …`; default: AWS chain).")
    public String awsRegion;

    @Option(
        names = "--state-dir",
        scope = ScopeType.INHERIT,
        paramLabel = "DIR",
        description = "Local state directory (default: $MERIDIAN_STATE_DIR or ~/.meridian).")
    public Path stateDir;

    @Option(
        names = {"-o", "--output"},
        scope = ScopeType.INHERIT,
        paramLabel = "FORMAT",
        description = "table or json (default: table).",
        converter = OutputConverter.class)
    public OutputFormat output = OutputFormat.TABLE;

    @Option(
        names = {"-v", "--verbose"},
        scope = ScopeType.INHERIT,
        description = "Print stack traces of errors.")
    public boolean verbose;
  }

  /** Accepts {@code table} / {@code json} in any case. */
  static final class OutputConverter implements CommandLine.ITypeConverter<OutputFormat> {
    @Override
    public OutputFormat convert(String value) {
      try {
        return OutputFormat.valueOf(value.trim().toUpperCase(java.util.Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw new CommandLine.TypeConversionException(
            "'" + value + "' is not an output format (table, json)");
      }
    }
  }

  @CommandLine.Mixin final GlobalOptions options = new GlobalOptions();

  /** {@code meridian --region R …}: the AWS region at the top level only (drills use --region). */
  @Option(
      names = "--region",
      paramLabel = "REGION",
      description = "AWS region for signing requests (same as --aws-region).")
  void region(String r) {
    options.awsRegion = r;
  }

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  private final CliContext context;

  /** For tools that instantiate the command class (picocli's AutoComplete at build time). */
  public Main() {
    this(CliContext.system());
  }

  public Main(CliContext context) {
    this.context = context;
    context.options(options);
  }

  public CliContext context() {
    return context;
  }

  @Override
  public void run() {
    spec.commandLine().usage(context.out());
  }

  /** Builds the command line with Meridian's error handling (one line, mapped exit codes). */
  public static CommandLine commandLine(CliContext context) {
    CommandLine cl = new CommandLine(new Main(context));
    cl.setOut(new java.io.PrintWriter(context.out(), true));
    cl.setErr(new java.io.PrintWriter(context.err(), true));
    cl.setCaseInsensitiveEnumValuesAllowed(true);
    cl.setExecutionExceptionHandler(
        (ex, commandLine, parseResult) -> {
          boolean verbose = context.options().verbose;
          if (ex instanceof CliException ce) {
            context.err().println("meridian: " + ce.getMessage());
            if (verbose) {
              ce.printStackTrace(context.err());
            }
            return ce.exitCode();
          }
          if (ex instanceof dev.meridian.core.model.InvalidValueException iv) {
            context.err().println("meridian: " + iv.getMessage());
            return ExitCodes.USAGE;
          }
          context
              .err()
              .println(
                  "meridian: unexpected error: "
                      + ex
                      + (verbose ? "" : " (run with --verbose for the stack trace)"));
          if (verbose) {
            ex.printStackTrace(context.err());
          }
          return ExitCodes.FAILURE;
        });
    cl.setParameterExceptionHandler(
        (ex, args) -> {
          CommandLine c = ex.getCommandLine();
          context.err().println("meridian: " + ex.getMessage());
          context
              .err()
              .println(
                  "Try '" + c.getCommandSpec().qualifiedName() + " --help' for more information.");
          return ExitCodes.USAGE;
        });
    return cl;
  }

  /** Runs {@code meridian args} in {@code context} and returns the exit code. */
  public static int execute(CliContext context, String... args) {
    return commandLine(context).execute(args);
  }

  public static void main(String[] args) {
    if (System.getProperty("logback.configurationFile") == null) {
      System.setProperty("logback.configurationFile", "meridian-cli-logback.xml");
    }
    System.exit(execute(CliContext.system(), args));
  }
}
