package io.latentwire.ops.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code latentwire model publish|list|show|keygen}: the models topic and bundle files. */
@Command(
    name = "model",
    mixinStandardHelpOptions = true,
    description = "Publish, list and show model bundles; make signing keys.",
    subcommands = {
      ModelPublishCommand.class,
      ModelListCommand.class,
      ModelShowCommand.class,
      ModelKeygenCommand.class,
    })
public final class ModelCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    throw new CommandLine.ParameterException(
        spec.commandLine(), "model needs a subcommand: publish, list, show or keygen");
  }
}
