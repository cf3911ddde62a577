package io.naap.app.bench;

import picocli.CommandLine.Command;

/** {@code naap bench}: reproducible measurements for docs/BENCHMARKS.md. */
@Command(
    name = "bench",
    mixinStandardHelpOptions = true,
    description = "Benchmarks, each against a baseline measured in the same run.",
    subcommands = {IngestBenchCommand.class, LatencyBenchCommand.class, IndexerBenchCommand.class})
public final class BenchCommand {}
