/** The {@code ./latentwire} command line: picocli subcommands, error reporting, exit codes. */
package io.latentwire.ops.cli;
