package io.naap.app.telemetry;

import picocli.CommandLine.Command;

/** {@code naap telemetry}: gateway telemetry commands. */
@Command(
    name = "telemetry",
    mixinStandardHelpOptions = true,
    description = "Gateway telemetry: ingest events from files, export stored events.",
    subcommands = {IngestCommand.class, ExportCommand.class})
public final class TelemetryCommand {}
