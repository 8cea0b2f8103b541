package io.latentwire.codec.model;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.latentwire.codec.errors.BundleFormatException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

/**
 * A model bundle ({@code .lwm}): a zip of {@code manifest.json}, {@code encoder.onnx} and {@code
 * decoder.onnx}. Its id is the SHA-256 of the manifest bytes; the manifest lists the SHA-256 of the
 * two networks, so the id covers the whole content.
 *
 * <p>Writing is deterministic (fixed entry order and timestamps, sorted JSON keys): the same model
 * gives the same bytes and so the same id. Reading verifies every hash. Immutable; holds no native
 * resources (open a {@link io.latentwire.codec.LatentCodec} to run it).
 */
public final class ModelBundle {
  public static final String MANIFEST = "manifest.json";
  public static final String ENCODER = "encoder.onnx";
  public static final String DECODER = "decoder.onnx";

  /** Refuse bundles larger than this when reading (guards against zip bombs from a topic). */
  private static final long MAX_BUNDLE_ENTRY_BYTES = 1L << 30;

  private static final long FIXED_ZIP_TIME =
      315532800000L + 86400000L; // 1980-01-02, DOS epoch safe

  private static final ObjectMapper JSON =
      JsonMapper.builder()
          .enable(SerializationFeature.INDENT_OUTPUT)
          .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
          .enable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
          .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .build();

  private final Manifest manifest;
  private final byte[] manifestBytes;
  private final byte[] encoderOnnx;
  private final byte[] decoderOnnx;
  private final ModelId id;

  private ModelBundle(Manifest manifest, byte[] manifestBytes, byte[] encoder, byte[] decoder) {
    this.manifest = manifest;
    this.manifestBytes = manifestBytes;
    this.encoderOnnx = encoder;
    this.decoderOnnx = decoder;
    this.id = new ModelId(sha256(manifestBytes));
  }

  /** Assembles a bundle; the manifest's file hashes are (re)computed here. */
  public static ModelBundle create(Manifest manifest, byte[] encoderOnnx, byte[] decoderOnnx) {
    Map<String, String> files = new TreeMap<>();
    files.put(ENCODER, sha256(encoderOnnx));
    files.put(DECODER, sha256(decoderOnnx));
    Manifest m = manifest.withFiles(files);
    return new ModelBundle(m, toJson(m), encoderOnnx.clone(), decoderOnnx.clone());
  }

  /** Reads and verifies a bundle file. */
  public static ModelBundle read(Path path) {
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(path);
    } catch (NoSuchFileException e) {
      throw new BundleFormatException("model bundle " + path + " does not exist");
    } catch (AccessDeniedException e) {
      throw new BundleFormatException("model bundle " + path + " is not readable");
    } catch (IOException e) {
      throw new BundleFormatException(
          "cannot read model bundle " + path + ": " + e.getMessage(), e);
    }
    try {
      return fromBytes(bytes);
    } catch (BundleFormatException e) {
      throw new BundleFormatException(path + ": " + e.getMessage(), e);
    }
  }

  /** Parses and verifies a bundle from its bytes (e.g. a value of the models topic). */
  public static ModelBundle fromBytes(byte[] bytes) {
    Map<String, byte[]> entries = new LinkedHashMap<>();
    try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(bytes))) {
      ZipEntry e;
      while ((e = zip.getNextEntry()) != null) {
        if (entries.containsKey(e.getName())) {
          throw new BundleFormatException("entry " + e.getName() + " appears twice");
        }
        entries.put(e.getName(), readBounded(zip, e.getName()));
      }
    } catch (IOException e) {
      throw new BundleFormatException("not a model bundle (zip): " + e.getMessage(), e);
    }
    for (String required : new String[] {MANIFEST, ENCODER, DECODER}) {
      if (!entries.containsKey(required)) {
        throw new BundleFormatException(
            "not a model bundle: entry "
                + required
                + " is missing (found "
                + entries.keySet()
                + ")");
      }
    }
    byte[] manifestBytes = entries.get(MANIFEST);
    Manifest manifest;
    try {
      manifest = JSON.readValue(manifestBytes, Manifest.class);
    } catch (IOException | IllegalArgumentException e) {
      throw new BundleFormatException("manifest.json is invalid: " + rootMessage(e), e);
    }
    for (String file : new String[] {ENCODER, DECODER}) {
      String expected = manifest.files().get(file);
      String actual = sha256(entries.get(file));
      if (!actual.equals(expected)) {
        throw new BundleFormatException(
            file
                + " has SHA-256 "
                + actual
                + " but the manifest says "
                + expected
                + ": the bundle is corrupt or was altered");
      }
    }
    return new ModelBundle(manifest, manifestBytes, entries.get(ENCODER), entries.get(DECODER));
  }

  /** The bundle as bytes (deterministic). */
  public byte[] toBytes() {
    ByteArrayOutputStream out =
        new ByteArrayOutputStream(encoderOnnx.length + decoderOnnx.length + 8192);
    try (ZipOutputStream zip = new ZipOutputStream(out)) {
      putEntry(zip, MANIFEST, manifestBytes);
      putEntry(zip, ENCODER, encoderOnnx);
      putEntry(zip, DECODER, decoderOnnx);
    } catch (IOException e) {
      throw new IllegalStateException("in-memory zip failed", e);
    }
    return out.toByteArray();
  }

  /**
   * Writes the bundle atomically: to a temporary file beside {@code path}, then renamed, so an
   * interrupted run never leaves a half-written bundle.
   */
  public void write(Path path) {
    Path abs = path.toAbsolutePath();
    Path dir = abs.getParent();
    Path tmp = null;
    try {
      Files.createDirectories(dir);
      tmp = Files.createTempFile(dir, "." + abs.getFileName(), ".partial");
      Files.write(tmp, toBytes());
      Files.move(tmp, abs, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new BundleFormatException(
          "cannot write model bundle to "
              + path
              + ": "
              + e.getClass().getSimpleName()
              + " "
              + e.getMessage(),
          e);
    } finally {
      if (tmp != null) {
        try {
          Files.deleteIfExists(tmp);
        } catch (IOException ignored) {
          // best effort: the temp file is hidden and named .partial
        }
      }
    }
  }

  public ModelId id() {
    return id;
  }

  public Manifest manifest() {
    return manifest;
  }

  /** The manifest exactly as stored (its SHA-256 is the id). */
  public String manifestJson() {
    return new String(manifestBytes, StandardCharsets.UTF_8);
  }

  public byte[] encoderOnnx() {
    return encoderOnnx.clone();
  }

  public byte[] decoderOnnx() {
    return decoderOnnx.clone();
  }

  /** Serializes a manifest the canonical way (sorted keys), as stored in bundles. */
  public static byte[] toJson(Manifest m) {
    try {
      return JSON.writeValueAsBytes(m);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("manifest serialization failed", e);
    }
  }

  public static String sha256(byte[] data) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required by every Java platform", e);
    }
  }

  private static void putEntry(ZipOutputStream zip, String name, byte[] data) throws IOException {
    ZipEntry e = new ZipEntry(name);
    e.setTime(FIXED_ZIP_TIME);
    zip.putNextEntry(e);
    zip.write(data);
    zip.closeEntry();
  }

  private static byte[] readBounded(InputStream in, String name) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] buf = new byte[65536];
    long total = 0;
    int n;
    while ((n = in.read(buf)) > 0) {
      total += n;
      if (total > MAX_BUNDLE_ENTRY_BYTES) {
        throw new BundleFormatException(
            "entry " + name + " is larger than " + MAX_BUNDLE_ENTRY_BYTES + " bytes");
      }
      out.write(buf, 0, n);
    }
    return out.toByteArray();
  }

  private static String rootMessage(Throwable t) {
    Throwable r = t;
    while (r.getCause() != null && r.getCause() != r) {
      r = r.getCause();
    }
    return r.getMessage();
  }
}
