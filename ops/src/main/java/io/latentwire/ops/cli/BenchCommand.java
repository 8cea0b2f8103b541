package io.latentwire.ops.cli;

import picocli.CommandLine.Command;

/** {@code latentwire bench rd|pipeline}: benchmarks that print figures next to baselines. */
@Command(
    name = "bench",
    mixinStandardHelpOptions = true,
    description =
        "Benchmarks: rate-distortion against baselines (rd), pipeline throughput and latency.",
    subcommands = {BenchRdCommand.class, BenchPipelineCommand.class})
public final class BenchCommand {}
