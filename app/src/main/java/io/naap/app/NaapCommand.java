package io.naap.app;

import io.naap.app.bench.BenchCommand;
import io.naap.app.incentives.IncentivesCommand;
import io.naap.app.indexer.IndexerCommand;
import io.naap.app.keys.KeysCommand;
import io.naap.app.loadgen.LoadgenCommand;
import io.naap.app.oracle.OracleCommand;
import io.naap.app.telemetry.TelemetryCommand;
import io.naap.app.up.UpCommand;
import io.naap.app.verify.VerifyCommand;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code naap}: the one command of the SLA layer. Exit codes: 0 success, 1 failure at run time
 * (named in one line on stderr), 2 bad usage (unknown command or option, bad value).
 */
@Command(
    name = "naap",
    mixinStandardHelpOptions = true,
    versionProvider = NaapCommand.Version.class,
    description = "The SLA layer of the Livepeer network.",
    subcommands = {
      UpCommand.class,
      KeysCommand.class,
      TelemetryCommand.class,
      LoadgenCommand.class,
      OracleCommand.class,
      IndexerCommand.class,
      VerifyCommand.class,
      IncentivesCommand.class,
      BenchCommand.class,
      CommandLine.HelpCommand.class
    })
public final class NaapCommand implements Runnable {
  @Spec private CommandSpec spec;

  /** The configured command line, shared by {@link Main} and tests. */
  public static CommandLine commandLine() {
    CommandLine commandLine = new CommandLine(new NaapCommand());
    // picocli leaves the usage out when it has a suggestion ("Did you mean ..."); always show both.
    commandLine.setParameterExceptionHandler(
        (exception, args) -> {
          CommandLine line = exception.getCommandLine();
          PrintWriter err = line.getErr();
          err.println(exception.getMessage());
          CommandLine.UnmatchedArgumentException.printSuggestions(exception, err);
          line.usage(err);
          err.flush();
          return ExitCodes.USAGE;
        });
    commandLine.setExecutionExceptionHandler(
        (exception, line, parseResult) -> {
          PrintWriter err = line.getErr();
          err.println("naap: " + message(exception));
          err.flush();
          return ExitCodes.FAILURE;
        });
    return commandLine;
  }

  @Override
  public void run() {
    // `naap` alone: say what there is to do, as for a usage error.
    throw new CommandLine.ParameterException(spec.commandLine(), "Missing command");
  }

  private static String message(Throwable exception) {
    String message = exception.getMessage();
    return message == null || message.isBlank() ? exception.getClass().getSimpleName() : message;
  }

  /** Reads the version the build wrote into the jar's manifest. */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      String version = NaapCommand.class.getPackage().getImplementationVersion();
      return new String[] {"naap " + (version == null ? "(development build)" : version)};
    }
  }
}
