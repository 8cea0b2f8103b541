package io.latentwire.ops.bench;

/**
 * A {@link LearnedCodecUnderTest} as a harness subject: records go through the network in batches
 * (as a streaming encoder would batch the records of one poll), yet every payload stays decodable
 * on its own. Does not own the codec: its model is closed by whoever opened it.
 */
public final class BatchedLearnedCodec implements CodecUnderTest {
  private final LearnedCodecUnderTest codec;
  private final int width;
  private final int batch;

  /**
   * @param width values per record
   * @param batch records per network run, 1 or more
   */
  public BatchedLearnedCodec(LearnedCodecUnderTest codec, int width, int batch) {
    if (batch < 1) {
      throw new IllegalArgumentException("learned codec batch must be >= 1, got " + batch);
    }
    this.codec = codec;
    this.width = width;
    this.batch = batch;
  }

  @Override
  public String name() {
    return codec.name();
  }

  @Override
  public String params() {
    return codec.params() + ", batch " + batch;
  }

  @Override
  public Kind kind() {
    return Kind.LEARNED;
  }

  @Override
  public int width() {
    return width;
  }

  @Override
  public byte[][] encode(float[] rows, int from, int count) {
    byte[][] payloads = new byte[count][];
    float[] chunk = new float[batch * width];
    for (int done = 0; done < count; done += batch) {
      int n = Math.min(batch, count - done);
      float[] in = n == batch ? chunk : new float[n * width];
      System.arraycopy(rows, (from + done) * width, in, 0, n * width);
      byte[][] out = codec.encode(in, n);
      if (out.length != n) {
        throw new BenchException(
            name() + " returned " + out.length + " payloads for a batch of " + n + " records");
      }
      System.arraycopy(out, 0, payloads, done, n);
    }
    return payloads;
  }

  @Override
  public void decode(byte[][] payloads, int from, int count, float[] out) {
    for (int done = 0; done < count; done += batch) {
      int n = Math.min(batch, count - done);
      byte[][] in = new byte[n][];
      System.arraycopy(payloads, from + done, in, 0, n);
      float[] rows = codec.decode(in);
      if (rows.length != n * width) {
        throw new BenchException(
            name() + " decoded " + rows.length + " values for " + n + " records of " + width);
      }
      System.arraycopy(rows, 0, out, (from + done) * width, n * width);
    }
  }
}
