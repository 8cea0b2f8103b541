package io.latentwire.ops.bench;

import java.time.LocalDate;
import java.util.Objects;

/**
 * Facts of one benchmark run that every report section repeats.
 *
 * @param date the run's date, part of section headers and file names
 * @param commandLine the command as typed, e.g. {@code ./latentwire bench rd --data all}
 * @param machine where it ran
 * @param timing how speeds were measured
 * @param learnedBatch records per network run of the learned codec
 */
public record RunInfo(
    LocalDate date, String commandLine, MachineFacts machine, Timing timing, int learnedBatch) {

  public RunInfo {
    Objects.requireNonNull(date, "date");
    Objects.requireNonNull(commandLine, "commandLine");
    Objects.requireNonNull(machine, "machine");
    Objects.requireNonNull(timing, "timing");
  }
}
