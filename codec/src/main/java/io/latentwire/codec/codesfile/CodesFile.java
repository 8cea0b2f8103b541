package io.latentwire.codec.codesfile;

/**
 * The {@code .lwc} codes file: an Avro object container file of {@link
 * io.latentwire.schemas.LatentRecord} with the zstandard block codec, so offline output is exactly
 * what travels on a {@code <topic>.latent} topic.
 *
 * <p>File metadata keys (all UTF-8 strings):
 *
 * <ul>
 *   <li>{@value #META_FORMAT}: codes file format version, {@value #FORMAT_VERSION}
 *   <li>{@value #META_MODEL_ID}: full id (64 hex digits) of the model that wrote the codes
 *   <li>{@value #META_SOURCE_SCHEMA}: the source records' writer schema (JSON), since offline files
 *       have no registry to hold it (records carry sourceSchemaId -1)
 * </ul>
 */
public final class CodesFile {
  public static final String META_FORMAT = "latentwire.codes.format";
  public static final String META_MODEL_ID = "latentwire.model.id";
  public static final String META_SOURCE_SCHEMA = "latentwire.source.schema";
  public static final String FORMAT_VERSION = "1";

  /** zstd level for container blocks: a good ratio at a cost far below the model's. */
  public static final int ZSTD_LEVEL = 9;

  private CodesFile() {}
}
