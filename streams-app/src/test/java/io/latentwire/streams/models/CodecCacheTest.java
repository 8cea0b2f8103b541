package io.latentwire.streams.models;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.latentwire.codec.LatentCodec;
import io.latentwire.codec.model.ModelBundle;
import io.latentwire.codec.onnx.InferenceOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class CodecCacheTest {
  static final ModelBundle A = Bundles.small(1);
  static final ModelBundle B = Bundles.small(2);
  static final ModelBundle C = Bundles.small(3);

  final AtomicInteger opens = new AtomicInteger();
  final List<LatentCodec> opened = new ArrayList<>();

  LatentCodec open(ModelBundle b) {
    opens.incrementAndGet();
    LatentCodec c = LatentCodec.open(b, InferenceOptions.cpu());
    synchronized (opened) {
      opened.add(c);
    }
    return c;
  }

  static boolean isClosed(LatentCodec c) {
    try {
      c.decode(new byte[0][]);
      return false;
    } catch (IllegalStateException e) {
      return e.getMessage().contains("closed");
    }
  }

  @Test
  void shouldEvictTheLeastRecentlyUsedModelAndCloseItsSessions() {
    try (CodecCache cache = new CodecCache(2, this::open)) {
      LatentCodec a;
      try (Resolution r = cache.acquire(A.id().shortHex(), A)) {
        a = r.codec().latentCodec();
      }
      cache.acquire(B.id().shortHex(), B).close();
      cache.acquire(A.id().shortHex(), A).close(); // A is now more recent than B
      LatentCodec b = opened.get(1);
      cache.acquire(C.id().shortHex(), C).close();
      assertThat(cache.size()).isEqualTo(2);
      assertThat(cache.evictionCount()).isEqualTo(1);
      assertThat(isClosed(b)).as("B evicted and closed").isTrue();
      assertThat(isClosed(a)).as("A kept").isFalse();
      assertThat(opens.get()).isEqualTo(3);
    }
    assertThat(opened).allSatisfy(c -> assertThat(isClosed(c)).isTrue());
  }

  @Test
  void shouldKeepALeasedCodecOpenUntilItsLeaseEndsEvenWhenEvicted() {
    try (CodecCache cache = new CodecCache(1, this::open)) {
      Resolution leaseA = cache.acquire(A.id().shortHex(), A);
      cache.acquire(B.id().shortHex(), B).close(); // evicts A while leased
      assertThat(cache.evictionCount()).isEqualTo(1);
      LatentCodec a = leaseA.codec().latentCodec();
      assertThat(isClosed(a)).isFalse();
      assertThat(a.decode(a.encode(new float[] {1f, 2f, 3f}))).hasSize(3);
      leaseA.close();
      assertThat(isClosed(a)).isTrue();
      assertThat(cache.closedCount()).isEqualTo(1);
      assertThatThrownBy(leaseA::codec).isInstanceOf(IllegalStateException.class);
    }
  }

  @Test
  void shouldOpenAModelOnceWhenManyTasksAskForItAtTheSameTime() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try (CodecCache cache = new CodecCache(4, this::open)) {
      CountDownLatch go = new CountDownLatch(1);
      List<Future<?>> all = new ArrayList<>();
      for (int i = 0; i < 8; i++) {
        all.add(
            pool.submit(
                () -> {
                  go.await();
                  try (Resolution r = cache.acquire(A.id().shortHex(), A)) {
                    return r.codec().latentCodec().latentSize();
                  }
                }));
      }
      go.countDown();
      for (Future<?> f : all) {
        assertThat(f.get()).isEqualTo(1);
      }
      assertThat(opens.get()).isEqualTo(1);
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void shouldRefuseLeasesAfterClose() {
    CodecCache cache = new CodecCache(1, this::open);
    cache.close();
    assertThatThrownBy(() -> cache.acquire(A.id().shortHex(), A))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("closed");
  }
}
