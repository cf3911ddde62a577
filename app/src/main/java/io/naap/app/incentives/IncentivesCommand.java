package io.naap.app.incentives;

import picocli.CommandLine.Command;

/** {@code naap incentives}: reports of the SLA payouts, and claims. */
@Command(
    name = "incentives",
    mixinStandardHelpOptions = true,
    description =
        "SLA incentives: the payout reports of an epoch, an orchestrator or a delegator, and"
            + " claims of what the payout tree owes an account.",
    subcommands = {IncentivesReportCommand.class, IncentivesClaimCommand.class})
public final class IncentivesCommand {}
