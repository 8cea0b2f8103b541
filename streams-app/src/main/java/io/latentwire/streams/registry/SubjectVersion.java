package io.latentwire.streams.registry;

import java.util.Objects;

/**
 * A (subject, version) pair under which a schema id is registered: an element of {@code GET
 * /schemas/ids/{id}/versions}.
 *
 * @param subject subject name, never null
 * @param version version under that subject, 1 or more
 */
public record SubjectVersion(String subject, int version) {

  /** Validates the fields. */
  public SubjectVersion {
    Objects.requireNonNull(subject, "subject");
  }
}
