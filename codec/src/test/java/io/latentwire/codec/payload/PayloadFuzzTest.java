package io.latentwire.codec.payload;

import static org.assertj.core.api.Assertions.assertThat;

import io.latentwire.codec.errors.CorruptPayloadException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Seeded mutation fuzzing of the payload decoder (header parsing, range decoding, residual
 * section): a million mutated payloads, of which only {@link CorruptPayloadException} may escape,
 * and every payload that is accepted must be exactly the payload an encoder writes for what it
 * decoded (so nothing is silently misread). The model is not involved: {@link
 * io.latentwire.codec.LatentCodecTest} runs a smaller loop through the whole decoder.
 */
class PayloadFuzzTest {
  private static final int MUTATIONS = 1_000_000;

  @Test
  @Timeout(120) // a hang is a failure; it normally takes a few seconds
  void shouldOnlyEverThrowCorruptPayloadOnAMillionMutatedPayloads() throws Throwable {
    // On a fresh thread: nearly every mutation throws, and filling in a stack trace costs ~10x
    // more under JUnit's ~90 frames than under a worker thread's few.
    FutureTask<Void> run = new FutureTask<>(this::fuzz, null);
    Thread worker = new Thread(run, "payload-fuzz");
    worker.start();
    try {
      run.get();
    } catch (ExecutionException e) {
      throw e.getCause();
    }
  }

  private void fuzz() {
    PayloadFormat format =
        new PayloadFormat(
            PayloadFormatTest.LADDER,
            PayloadFormatTest.LATENT,
            PayloadFormatTest.FEATURES,
            PayloadFormatTest.STATISTICS);
    SplittableRandom rnd = new SplittableRandom(20240611L);
    List<byte[]> corpus = new ArrayList<>();
    for (int i = 0; i < 256; i++) {
      int op = rnd.nextInt(3);
      // Versions 3 (context-coded residual) and 2 (the older residual coder) are both decoded.
      corpus.add(
          format.write(
              op,
              PayloadFormatTest.gaussianSymbols(rnd, PayloadFormatTest.LADDER.get(op).step()),
              i % 3 == 0 ? null : PayloadFormatTest.residual(rnd, i % 3 == 1),
              i % 4 == 0 ? PayloadFormat.VERSION_2 : PayloadFormat.VERSION));
    }
    long accepted = 0;
    long[] byKind = new long[6];
    long started = System.nanoTime();
    for (int n = 0; n < MUTATIONS; n++) {
      byte[] p = mutate(corpus.get(rnd.nextInt(corpus.size())), rnd, byKind);
      DecodedPayload d;
      try {
        d = format.read(p);
      } catch (CorruptPayloadException expected) {
        continue;
      }
      accepted++;
      int version = PayloadFormat.header(p).version();
      assertThat(format.write(d.operatingPoint(), d.latentSymbols(), d.residual(), version))
          .as("mutation %d decoded but is not its own canonical encoding", n)
          .isEqualTo(p);
    }
    double seconds = (System.nanoTime() - started) / 1e9;
    System.out.printf(
        "payload fuzz: %d mutated payloads in %.1f s, %d accepted (canonical), kinds %s%n",
        MUTATIONS, seconds, accepted, Arrays.toString(byKind));
    // Both paths ran: most mutations are caught, a few land on another valid code.
    assertThat(accepted).isBetween(1L, MUTATIONS / 2L);
  }

  private static byte[] mutate(byte[] valid, SplittableRandom rnd, long[] byKind) {
    int kind = rnd.nextInt(6);
    byKind[kind]++;
    byte[] p = valid.clone();
    switch (kind) {
      case 0 -> { // bit flips
        int flips = 1 + rnd.nextInt(3);
        for (int f = 0; f < flips; f++) {
          p[rnd.nextInt(p.length)] ^= (byte) (1 << rnd.nextInt(8));
        }
      }
      case 1 -> p = Arrays.copyOf(p, rnd.nextInt(p.length)); // truncation
      case 2 -> { // extension with random bytes
        int old = p.length;
        p = Arrays.copyOf(p, old + 1 + rnd.nextInt(16));
        for (int i = old; i < p.length; i++) {
          p[i] = (byte) rnd.nextInt(256);
        }
      }
      case 3 -> { // random bytes after a valid header
        p = new byte[rnd.nextInt(64)];
        for (int i = 0; i < p.length; i++) {
          p[i] = (byte) rnd.nextInt(256);
        }
        if (p.length > 0) {
          p[0] = (byte) (rnd.nextBoolean() ? PayloadFormat.VERSION : PayloadFormat.VERSION_2);
        }
        if (p.length > 1) {
          p[1] &= (byte) 0x83;
        }
      }
      case 4 -> p[rnd.nextInt(p.length)] = (byte) rnd.nextInt(256); // byte overwrite
      default -> { // splice: another position's bytes duplicated or removed
        int at = rnd.nextInt(p.length);
        if (rnd.nextBoolean()) {
          byte[] q = new byte[p.length + 1];
          System.arraycopy(p, 0, q, 0, at + 1);
          System.arraycopy(p, at, q, at + 1, p.length - at);
          p = q;
        } else {
          byte[] q = new byte[p.length - 1];
          System.arraycopy(p, 0, q, 0, at);
          System.arraycopy(p, at + 1, q, at, p.length - at - 1);
          p = q;
        }
      }
    }
    return p;
  }
}
