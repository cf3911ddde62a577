package io.naap.app.oracle;

import picocli.CommandLine.Command;

/** {@code naap oracle}: the score oracle's commands. */
@Command(
    name = "oracle",
    mixinStandardHelpOptions = true,
    description =
        "The score oracle: build, sign and publish epoch snapshots; recompute one to check it.",
    subcommands = {OracleRunCommand.class, OracleSignCommand.class, OracleRecomputeCommand.class})
public final class OracleCommand {}
