package io.naap.app.indexer;

import picocli.CommandLine.Command;

/** {@code naap indexer}: the protocol mirror's commands. */
@Command(
    name = "indexer",
    mixinStandardHelpOptions = true,
    description =
        "The protocol mirror: follow the Livepeer contracts and naap's own into the database.",
    subcommands = {IndexerRunCommand.class})
public final class IndexerCommand {}
