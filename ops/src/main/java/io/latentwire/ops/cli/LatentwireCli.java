package io.latentwire.ops.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code ./latentwire} launcher: one entry point, one subcommand per job. */
@Command(
    name = "latentwire",
    mixinStandardHelpOptions = true,
    versionProvider = Versions.class,
    description = "Streaming compression of Kafka records with learned latent codes.",
    subcommands = {
      CommandLine.HelpCommand.class,
      io.latentwire.trainer.cli.TrainCommand.class,
      EncodeCommand.class,
      DecodeCommand.class,
      DemoCommand.class,
      RunCommand.class,
      ReplayCommand.class,
      ModelCommand.class,
      BenchCommand.class,
    })
public final class LatentwireCli {

  public static void main(String[] args) {
    System.exit(run(args));
  }

  /** Runs the CLI and returns the exit code (tests call this rather than {@link #main}). */
  public static int run(String... args) {
    return commandLine().execute(args);
  }

  /** Runs the CLI with the given output streams (for tests); returns the exit code. */
  public static int run(java.io.PrintWriter out, java.io.PrintWriter err, String... args) {
    CommandLine cli = commandLine();
    cli.setOut(out);
    cli.setErr(err);
    int exit = cli.execute(args);
    out.flush();
    err.flush();
    return exit;
  }

  private static CommandLine commandLine() {
    CommandLine cli = new CommandLine(new LatentwireCli());
    cli.setExecutionExceptionHandler(new CliErrorHandler());
    cli.setCaseInsensitiveEnumValuesAllowed(true);
    return cli;
  }
}
