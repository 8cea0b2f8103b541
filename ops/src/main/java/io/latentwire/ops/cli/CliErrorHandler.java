package io.latentwire.ops.cli;

import io.latentwire.codec.errors.CodecException;
import org.apache.kafka.common.KafkaException;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;

/**
 * Turns an exception from a command into one clear line on stderr and a non-zero exit: input errors
 * (bad data, bad model, bad option values) exit 1 with the message alone; anything unexpected also
 * names its type. {@code LATENTWIRE_DEBUG=1} prints stack traces.
 */
final class CliErrorHandler implements IExecutionExceptionHandler {
  static final int EXIT_INPUT_ERROR = 1;
  static final int EXIT_INTERNAL_ERROR = 3;

  @Override
  public int handleExecutionException(Exception ex, CommandLine cmd, ParseResult parsed) {
    String name = cmd.getCommandSpec().qualifiedName(" ");
    boolean expected =
        ex instanceof CodecException
            || ex instanceof IllegalArgumentException
            || ex instanceof CliException
            || ex instanceof KafkaException
            || ex instanceof io.latentwire.streams.errors.LatentwireStreamsException
            || ex instanceof java.io.UncheckedIOException;
    String message = ex.getMessage() == null ? ex.getClass().getSimpleName() : ex.getMessage();
    if (!expected) {
      message = ex.getClass().getName() + ": " + message;
    }
    cmd.getErr().println(name + ": error: " + message);
    if (System.getenv("LATENTWIRE_DEBUG") != null) {
      ex.printStackTrace(cmd.getErr());
    }
    return expected ? EXIT_INPUT_ERROR : EXIT_INTERNAL_ERROR;
  }
}
