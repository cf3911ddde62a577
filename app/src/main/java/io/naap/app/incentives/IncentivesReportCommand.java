package io.naap.app.incentives;

import io.naap.app.ExitCodes;
import io.naap.app.client.ApiClient;
import io.naap.app.client.ApiClientException;
import io.naap.app.client.Converters;
import io.naap.attestations.EvmAddress;
import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code naap incentives report}: prints an incentive report from naap's API, as JSON or CSV: an
 * epoch's distribution, or an orchestrator's or a delegator's payouts over a range of epochs.
 */
@Command(
    name = "report",
    mixinStandardHelpOptions = true,
    description = {
      "Prints an incentive report from naap's API: an epoch's distribution (--epoch: its pools,"
          + " every orchestrator's payout with the explanation of each factor, the delegators'"
          + " split), or an orchestrator's (--orchestrator) or a delegator's (--delegator) payouts"
          + " over epochs --from to --to. JSON or CSV (--format), as the API answers it.",
      "Exit 0 with the report on standard output; 1 when the API cannot be reached or has no"
          + " such report; 2 for bad usage."
    })
public final class IncentivesReportCommand implements Callable<Integer> {
  @Spec private CommandSpec spec;

  @ArgGroup(exclusive = true, multiplicity = "1")
  private Subject subject;

  static final class Subject {
    @Option(
        names = "--epoch",
        paramLabel = "N",
        description = "The epoch whose distribution to print (1 or more).")
    Long epoch;

    @Option(
        names = "--orchestrator",
        paramLabel = "0xADDRESS",
        converter = Converters.Address.class,
        description = "The orchestrator whose payouts to print.")
    EvmAddress orchestrator;

    @Option(
        names = "--delegator",
        paramLabel = "0xADDRESS",
        converter = Converters.Address.class,
        description = "The account whose delegator's (and commission) payouts to print.")
    EvmAddress delegator;
  }

  @Option(
      names = "--from",
      paramLabel = "N",
      description =
          "With --orchestrator or --delegator: the first epoch (default: the API's, 99 epochs"
              + " before --to).")
  private Long from;

  @Option(
      names = "--to",
      paramLabel = "N",
      description =
          "With --orchestrator or --delegator: the last epoch (default: the latest distributed).")
  private Long to;

  @Option(
      names = "--format",
      paramLabel = "json|csv",
      defaultValue = "json",
      description = "json or csv (default: ${DEFAULT-VALUE}).")
  private String format;

  @Option(
      names = "--api",
      paramLabel = "URL",
      defaultValue = "http://127.0.0.1:8080",
      converter = Converters.HttpUrl.class,
      description = "naap's HTTP API (default: ${DEFAULT-VALUE}, naap up's).")
  private URI api;

  @Override
  public Integer call() {
    CommandLine commandLine = spec.commandLine();
    if (!format.equals("json") && !format.equals("csv")) {
      throw new CommandLine.ParameterException(
          commandLine, "--format must be json or csv, got '" + format + "'");
    }
    if (subject.epoch != null && subject.epoch < 1) {
      throw new CommandLine.ParameterException(
          commandLine, "--epoch must be 1 or more, got " + subject.epoch);
    }
    if (subject.epoch != null && (from != null || to != null)) {
      throw new CommandLine.ParameterException(
          commandLine, "--from and --to go with --orchestrator or --delegator, not --epoch");
    }
    for (Long bound : new Long[] {from, to}) {
      if (bound != null && bound < 1) {
        throw new CommandLine.ParameterException(
            commandLine, "--from and --to must be 1 or more, got " + bound);
      }
    }
    if (from != null && to != null && to < from) {
      throw new CommandLine.ParameterException(
          commandLine, "--to (" + to + ") is before --from (" + from + ")");
    }
    String path;
    String what;
    if (subject.epoch != null) {
      path = "/v1/incentives/epochs/" + subject.epoch + "?format=" + format;
      what = "distribution of epoch " + subject.epoch;
    } else {
      boolean orchestrator = subject.orchestrator != null;
      EvmAddress address = orchestrator ? subject.orchestrator : subject.delegator;
      path =
          "/v1/incentives/"
              + (orchestrator ? "orchestrators/" : "delegators/")
              + address.checksummed()
              + "?format="
              + format
              + (from == null ? "" : "&from=" + from)
              + (to == null ? "" : "&to=" + to);
      what = (orchestrator ? "payouts of orchestrator " : "payouts of ") + address.checksummed();
    }
    PrintWriter out = commandLine.getOut();
    PrintWriter err = commandLine.getErr();
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    try {
      String body = new ApiClient(http, api).getText(path, what);
      out.print(body);
      if (!body.endsWith("\n")) {
        out.println();
      }
      out.flush();
      return ExitCodes.OK;
    } catch (ApiClientException e) {
      err.println("naap: " + e.getMessage());
      err.flush();
      return ExitCodes.FAILURE;
    } finally {
      http.close();
    }
  }
}
