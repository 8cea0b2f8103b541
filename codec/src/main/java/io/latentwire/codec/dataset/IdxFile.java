package io.latentwire.codec.dataset;

import java.io.BufferedInputStream;
import java.io.Closeable;
import java.io.EOFException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * One IDX file (the MNIST layout), plain or gzip, opened for sequential reading: the validated
 * header, then fixed-size items read one at a time.
 *
 * <p>Header: two zero bytes, a type byte, the rank, then one big-endian 32-bit size per dimension.
 * Only the unsigned-byte type (0x08) is supported. For a plain file the declared sizes must match
 * the file length exactly, checked before anything is allocated; a gzip file's length is only known
 * while it is read, so truncation shows up as an error at the item where the data ends. Byte
 * offsets in errors count uncompressed bytes.
 */
final class IdxFile implements Closeable {

  static final int TYPE_UNSIGNED_BYTE = 0x08;

  /** Refuse larger items: a corrupt header must not make us allocate gigabytes. */
  static final int MAX_ITEM_BYTES = 64 * 1024 * 1024;

  private static final int GZIP_MAGIC = 0x1f8b;

  private final Path file;
  private final int[] dims;
  private final long headerBytes;
  private final int itemBytes;
  private final CountingInputStream in;

  private IdxFile(Path file, int[] dims, int itemBytes, CountingInputStream in) {
    this.file = file;
    this.dims = dims;
    this.headerBytes = 4L + 4L * dims.length;
    this.itemBytes = itemBytes;
    this.in = in;
  }

  /**
   * Opens and validates {@code file}.
   *
   * @param expectedRank the rank the caller can read (3 for images, 1 for labels)
   * @param whatRankMeans how to describe {@code expectedRank} in errors
   */
  static IdxFile open(Path file, int expectedRank, String whatRankMeans) {
    boolean gzip = isGzip(file);
    CountingInputStream in = new CountingInputStream(openStream(file, gzip));
    try {
      return readHeader(file, gzip, in, expectedRank, whatRankMeans);
    } catch (RuntimeException e) {
      closeQuietly(in);
      throw e;
    }
  }

  private static IdxFile readHeader(
      Path file, boolean gzip, CountingInputStream in, int expectedRank, String whatRankMeans) {
    byte[] magic = readFully(file, in, 4, "the 4-byte IDX magic number");
    if (magic[0] != 0 || magic[1] != 0) {
      throw DataFormatException.in(file)
          .byteOffset(0)
          .value(String.format("0x%02x%02x", magic[0] & 0xff, magic[1] & 0xff))
          .problem("is not an IDX magic number: an IDX file starts with two zero bytes")
          .allowed("IDX files (MNIST layout), plain or gzip-compressed")
          .build();
    }
    int type = magic[2] & 0xff;
    if (type != TYPE_UNSIGNED_BYTE) {
      throw DataFormatException.in(file)
          .byteOffset(2)
          .value(String.format("0x%02x", type))
          .problem("is an IDX element type this reader does not support")
          .allowed("0x08 (unsigned byte), the type of MNIST and Fashion-MNIST")
          .build();
    }
    int rank = magic[3] & 0xff;
    if (rank != expectedRank) {
      throw DataFormatException.in(file)
          .byteOffset(3)
          .value(Integer.toString(rank))
          .problem("is the IDX rank (number of dimensions) of this file" + rankHint(rank))
          .allowed(expectedRank + " (" + whatRankMeans + ")")
          .build();
    }
    byte[] sizeBytes = readFully(file, in, 4 * rank, "the " + rank + " IDX dimension sizes");
    int[] dims = new int[rank];
    long items = 1;
    long itemBytes = 1;
    for (int d = 0; d < rank; d++) {
      int i = 4 * d;
      dims[d] =
          ((sizeBytes[i] & 0xff) << 24)
              | ((sizeBytes[i + 1] & 0xff) << 16)
              | ((sizeBytes[i + 2] & 0xff) << 8)
              | (sizeBytes[i + 3] & 0xff);
      if (dims[d] < 0 || (d > 0 && dims[d] == 0)) {
        throw DataFormatException.in(file)
            .byteOffset(4L + i)
            .value(Integer.toUnsignedString(dims[d]))
            .problem("is not a usable size for dimension " + (d + 1) + " of " + rank)
            .allowed("1 to " + Integer.MAX_VALUE + " (0 is allowed for the item count only)")
            .build();
      }
      if (d == 0) {
        items = dims[d];
      } else {
        itemBytes *= dims[d];
        if (itemBytes > MAX_ITEM_BYTES) {
          throw DataFormatException.in(file)
              .byteOffset(4L + i)
              .problem(
                  "the dimensions "
                      + Arrays.toString(Arrays.copyOf(dims, d + 1))
                      + " make one item larger than "
                      + MAX_ITEM_BYTES
                      + " bytes")
              .allowed("items (e.g. one image) of at most " + MAX_ITEM_BYTES + " bytes")
              .build();
        }
      }
    }
    IdxFile idx = new IdxFile(file, dims, (int) itemBytes, in);
    if (!gzip) {
      idx.checkPlainFileLength(items * itemBytes);
    }
    return idx;
  }

  private void checkPlainFileLength(long payloadBytes) {
    long expected = headerBytes + payloadBytes;
    long actual;
    try {
      actual = Files.size(file);
    } catch (IOException e) {
      throw new DatasetException("cannot read the size of " + file + ": " + e, file, e);
    }
    if (actual < expected) {
      throw DataFormatException.in(file)
          .byteOffset(actual)
          .problem(
              "the file is truncated: its header declares "
                  + describeShape()
                  + ", so it should be "
                  + expected
                  + " bytes long, but the data ends here")
          .allowed("a complete IDX file (re-download or re-extract it)")
          .build();
    }
    if (actual > expected) {
      throw DataFormatException.in(file)
          .byteOffset(expected)
          .problem(
              (actual - expected)
                  + " bytes follow the data its header declares ("
                  + describeShape()
                  + ")")
          .allowed("exactly " + expected + " bytes for this header")
          .build();
    }
  }

  /** Number of items (the first dimension). */
  int items() {
    return dims[0];
  }

  /** Size of one item in bytes (product of the other dimensions; 1 for rank 1). */
  int itemBytes() {
    return itemBytes;
  }

  int dim(int index) {
    return dims[index];
  }

  /** Byte offset of the start of item {@code index} (0-based). */
  long offsetOf(long index) {
    return headerBytes + index * itemBytes;
  }

  /**
   * Reads item {@code index} (0-based; items are read in order) into a fresh array.
   *
   * @throws DataFormatException when the data ends early or the gzip stream is corrupt
   */
  byte[] readItem(long index) {
    byte[] item = new byte[itemBytes];
    int n;
    try {
      n = in.readNBytes(item, 0, itemBytes);
    } catch (EOFException | ZipException e) {
      throw corrupt(index, e);
    } catch (IOException e) {
      throw new DatasetException("cannot read " + file + ": " + e, file, e);
    }
    if (n < itemBytes) {
      throw DataFormatException.in(file)
          .row(index + 1)
          .rowNoun("item")
          .byteOffset(in.count())
          .problem(
              "the file is truncated: its header declares "
                  + describeShape()
                  + " but the data ends here, inside item "
                  + (index + 1))
          .allowed("a complete IDX file (re-download or re-extract it)")
          .build();
    }
    return item;
  }

  /** After the last item: the file must end here. */
  void checkAtEnd() {
    int next;
    try {
      next = in.read();
    } catch (EOFException | ZipException e) {
      throw corrupt(items(), e);
    } catch (IOException e) {
      throw new DatasetException("cannot read " + file + ": " + e, file, e);
    }
    if (next >= 0) {
      throw DataFormatException.in(file)
          .byteOffset(in.count() - 1)
          .problem("data continues after the " + describeShape() + " its header declares")
          .allowed("a file that ends after the declared items")
          .build();
    }
  }

  private DataFormatException corrupt(long index, IOException e) {
    return DataFormatException.in(file)
        .byteOffset(in.count())
        .problem(
            "the gzip stream is truncated or corrupt ("
                + e.getMessage()
                + ") near item "
                + (index + 1))
        .allowed("a complete gzip-compressed IDX file")
        .cause(e)
        .build();
  }

  String describeShape() {
    if (dims.length == 1) {
      return dims[0] + " items";
    }
    StringBuilder sb = new StringBuilder().append(dims[0]).append(" items of ");
    for (int d = 1; d < dims.length; d++) {
      sb.append(d > 1 ? "x" : "").append(dims[d]);
    }
    return sb.append(" bytes").toString();
  }

  @Override
  public void close() {
    closeQuietly(in);
  }

  private static String rankHint(int rank) {
    return switch (rank) {
      case 1 -> " (a labels file; open the images file beside it instead)";
      case 3 -> " (an images file)";
      default -> "";
    };
  }

  private static byte[] readFully(Path file, CountingInputStream in, int length, String what) {
    byte[] bytes = new byte[length];
    int n;
    try {
      n = in.readNBytes(bytes, 0, length);
    } catch (EOFException | ZipException e) {
      throw DataFormatException.in(file)
          .byteOffset(in.count())
          .problem("the gzip stream is truncated or corrupt (" + e.getMessage() + ")")
          .allowed("a complete gzip-compressed IDX file")
          .cause(e)
          .build();
    } catch (IOException e) {
      throw new DatasetException("cannot read " + file + ": " + e, file, e);
    }
    if (n < length) {
      throw DataFormatException.in(file)
          .byteOffset(in.count())
          .problem("the file ends inside " + what)
          .allowed("a complete IDX file")
          .build();
    }
    return bytes;
  }

  private static boolean isGzip(Path file) {
    try (InputStream probe = Files.newInputStream(file)) {
      int b0 = probe.read();
      int b1 = probe.read();
      return b0 >= 0 && b1 >= 0 && ((b0 << 8) | b1) == GZIP_MAGIC;
    } catch (IOException e) {
      throw new DatasetException("cannot open " + file + ": " + e, file, e);
    }
  }

  private static InputStream openStream(Path file, boolean gzip) {
    InputStream raw = null;
    try {
      raw = Files.newInputStream(file);
      return gzip ? new GZIPInputStream(raw, 1 << 16) : new BufferedInputStream(raw, 1 << 16);
    } catch (ZipException | EOFException e) {
      closeQuietly(raw);
      throw DataFormatException.in(file)
          .byteOffset(0)
          .problem("the gzip header is corrupt (" + e.getMessage() + ")")
          .allowed("IDX files, plain or gzip-compressed")
          .cause(e)
          .build();
    } catch (IOException e) {
      closeQuietly(raw);
      throw new DatasetException("cannot open " + file + ": " + e, file, e);
    }
  }

  private static void closeQuietly(Closeable c) {
    if (c != null) {
      try {
        c.close();
      } catch (IOException e) {
        // Read-only stream: nothing is lost.
      }
    }
  }

  /** Counts the (uncompressed) bytes read, so errors can give an offset. */
  private static final class CountingInputStream extends FilterInputStream {
    private long count;

    CountingInputStream(InputStream in) {
      super(in);
    }

    long count() {
      return count;
    }

    @Override
    public int read() throws IOException {
      int b = super.read();
      if (b >= 0) {
        count++;
      }
      return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      int n = super.read(b, off, len);
      if (n > 0) {
        count += n;
      }
      return n;
    }

    @Override
    public long skip(long n) throws IOException {
      long skipped = super.skip(n);
      count += skipped;
      return skipped;
    }
  }
}
