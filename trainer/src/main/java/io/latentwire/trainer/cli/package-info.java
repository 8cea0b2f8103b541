/** The trainer's command line ({@code latentwire train}) and its progress display. */
package io.latentwire.trainer.cli;
