package io.naap.app.telemetry;

import picocli.CommandLine.Command;

/** {@code naap telemetry}: gateway telemetry commands. */
@Command(
    name = "telemetry",
    mixinStandardHelpOptions = true,
    description = "Gateway telemetry: ingest events from files.",
    subcommands = {IngestCommand.class})
public final class TelemetryCommand {}
