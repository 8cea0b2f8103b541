package io.latentwire.ops.cli;

import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * Commands of the stable command-line contract that later work delivers. They exist so the contract
 * is visible in {@code --help}, and they fail with a clear message rather than doing nothing.
 */
final class NotYetCommands {
  private NotYetCommands() {}

  abstract static class NotYet implements Callable<Integer> {
    @Parameters(arity = "0..*", hidden = true)
    List<String> ignored;

    abstract String what();

    @Override
    public Integer call() {
      throw new CliException(what() + " is not implemented yet in this build");
    }
  }

  @Command(
      name = "pipeline",
      description = "Pipeline throughput benchmark on the embedded broker (not yet implemented).")
  static final class BenchPipeline extends NotYet {
    @Override
    String what() {
      return "bench pipeline";
    }
  }
}
