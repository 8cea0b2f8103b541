package io.latentwire.trainer.rd;

import static org.assertj.core.api.Assertions.assertThat;

import io.latentwire.codec.entropy.FrequencyTable;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Measures rate and distortion on the real Fashion-MNIST split (60k train, 10k test). Minutes long,
 * so off by default: run with {@code -Dlatentwire.slow=true -Dtest=FashionMnistRdMeasurement}, and
 * choose the model with {@code -Drd.arch=CONV2D|MLP -Drd.lambda=… -Drd.epochs=…} (see {@link
 * #config()}).
 */
@Tag("slow")
@EnabledIfSystemProperty(named = "latentwire.slow", matches = "true")
class FashionMnistRdMeasurement {
  private static final Path DIRECTORY = Path.of("/usr/share/datasets/fashion-mnist");

  /**
   * Runs the measurement outside Maven, e.g. from copied class folders, so that builds can go on in
   * the worktree meanwhile. Pass the same JVM options surefire uses (see the parent pom).
   *
   * @param args ignored; configure with system properties
   * @throws IOException if the data set cannot be read
   */
  public static void main(String[] args) throws IOException {
    new FashionMnistRdMeasurement().shouldReportRateAndDistortionOnTheTestSet();
  }

  @Test
  void shouldReportRateAndDistortionOnTheTestSet() throws IOException {
    float[] train = images(DIRECTORY.resolve("train-images-idx3-ubyte.gz"));
    int trainRows = Integer.getInteger("rd.trainRows", train.length / 784);
    train = java.util.Arrays.copyOf(train, trainRows * 784);
    boolean ladderWanted = Boolean.parseBoolean(System.getProperty("rd.ladder", "true"));
    float[] test = images(DIRECTORY.resolve("t10k-images-idx3-ubyte.gz"));
    RdConfig config = config();
    System.out.println("config: " + config);
    long start = System.nanoTime();
    long cpuStart = cpuNanos();
    try (TrainedRdModel model =
        new RdTrainer()
            .train(
                train,
                test,
                config,
                new RdProgressListener() {
                  @Override
                  public void onEpoch(RdEpochStats s) {
                    System.out.printf(Locale.ROOT, "cpu %.1f s  ", (cpuNanos() - cpuStart) / 1e9);
                    System.out.printf(
                        Locale.ROOT,
                        "epoch %d %s: loss %.3f distortion %.3f rate %.1f bits | rounded test: %.2f"
                            + " dB, prior %.1f bits%n",
                        s.epoch(),
                        s.elapsed(),
                        s.trainLoss(),
                        s.trainDistortion(),
                        s.trainRateBits(),
                        s.validationPsnrDb(),
                        s.validationRateBits());
                  }
                })) {
      double trainSeconds = (System.nanoTime() - start) / 1e9;
      double trainCpuSeconds = (cpuNanos() - cpuStart) / 1e9;
      System.out.printf(
          Locale.ROOT,
          "training: %.1f s wall, %.1f s process CPU%n",
          trainSeconds,
          trainCpuSeconds);
      if (!ladderWanted) {
        return;
      }
      long ladderStart = System.nanoTime();
      List<LadderPoint> ladder = model.ladder(train, test);
      double ladderSeconds = (System.nanoTime() - ladderStart) / 1e9;
      System.out.printf(
          Locale.ROOT,
          "%s lambda %s, %d epochs (%s), training %.1f s (incl. offset), ladder %.1f s%n",
          config.architecture(),
          config.lambda(),
          model.history().size(),
          model.stopReason(),
          trainSeconds,
          ladderSeconds);
      for (LadderPoint p : ladder) {
        long active =
            p.tables().stream().filter(t -> !(t.size() == 1 && t.minSymbol() == 0)).count();
        System.out.printf(
            Locale.ROOT,
            "step %.2f: %.2f B/record, %.3f dB, zeros %.1f %%, %d/%d dims used%n",
            p.step(),
            p.estimatedBytesPerRecord(),
            p.psnrDb(),
            100 * p.zeroFraction(),
            active,
            p.tables().size());
      }
      reportPsnrAt(ladder, 20.0);
      reportPriorTables(model, test, ladder);
      reportPlainRounding(model, train, test);
      reportOnnxRuntimeThroughput(model, test);
      assertThat(ladder).isNotEmpty();
    }
  }

  /** PSNR at a byte budget, interpolated linearly in log(bytes) between ladder points. */
  private static void reportPsnrAt(List<LadderPoint> ladder, double bytes) {
    for (int i = 0; i + 1 < ladder.size(); i++) {
      LadderPoint fine = ladder.get(i);
      LadderPoint coarse = ladder.get(i + 1);
      if (fine.estimatedBytesPerRecord() >= bytes && coarse.estimatedBytesPerRecord() <= bytes) {
        double t =
            Math.log(fine.estimatedBytesPerRecord() / bytes)
                / Math.log(fine.estimatedBytesPerRecord() / coarse.estimatedBytesPerRecord());
        System.out.printf(
            Locale.ROOT,
            "interpolated: %.3f dB at %.1f B/record%n",
            fine.psnrDb() + t * (coarse.psnrDb() - fine.psnrDb()),
            bytes);
        return;
      }
    }
    System.out.println("interpolated: " + bytes + " B/record is outside the ladder");
  }

  /** Records per second of the exported encoder and decoder in ONNX Runtime, one thread. */
  private static void reportOnnxRuntimeThroughput(TrainedRdModel model, float[] test) {
    io.latentwire.trainer.export.OnnxExporter exporter =
        new io.latentwire.trainer.export.OnnxExporter("measurement");
    byte[] encoder = exporter.exportEncoder(model.weights(), java.util.Map.of());
    byte[] decoder = exporter.exportDecoder(model.weights(), java.util.Map.of());
    System.out.printf(
        Locale.ROOT, "onnx sizes: encoder %d B, decoder %d B%n", encoder.length, decoder.length);
    int width = model.config().inputSize();
    int latent = model.latentSize();
    float[] codes = model.encode(test);
    for (int batch : new int[] {1, 64}) {
      System.out.printf(
          Locale.ROOT,
          "ORT batch %d: encoder %.0f records/s, decoder %.0f records/s%n",
          batch,
          ortRecordsPerSecond(encoder, test, width, batch),
          ortRecordsPerSecond(decoder, codes, latent, batch));
    }
  }

  private static double ortRecordsPerSecond(byte[] onnx, float[] rows, int width, int batch) {
    ai.onnxruntime.OrtEnvironment env = ai.onnxruntime.OrtEnvironment.getEnvironment();
    try (ai.onnxruntime.OrtSession.SessionOptions options =
            new ai.onnxruntime.OrtSession.SessionOptions();
        ai.onnxruntime.OrtSession session = createSession(env, onnx, options)) {
      String input = session.getInputNames().iterator().next();
      int records = Math.min(rows.length / width, batch == 1 ? 2000 : 10_000);
      long start = 0;
      for (int pass = 0; pass < 2; pass++) { // the first pass warms up
        start = System.nanoTime();
        for (int r = 0; r + batch <= records; r += batch) {
          java.nio.FloatBuffer buffer =
              java.nio.FloatBuffer.wrap(rows, r * width, batch * width).slice();
          try (ai.onnxruntime.OnnxTensor tensor =
                  ai.onnxruntime.OnnxTensor.createTensor(env, buffer, new long[] {batch, width});
              ai.onnxruntime.OrtSession.Result result =
                  session.run(java.util.Map.of(input, tensor))) {
            result.get(0);
          }
        }
      }
      return (records / batch * batch) / ((System.nanoTime() - start) / 1e9);
    } catch (ai.onnxruntime.OrtException e) {
      throw new IllegalStateException(e);
    }
  }

  private static ai.onnxruntime.OrtSession createSession(
      ai.onnxruntime.OrtEnvironment env,
      byte[] onnx,
      ai.onnxruntime.OrtSession.SessionOptions options)
      throws ai.onnxruntime.OrtException {
    options.setIntraOpNumThreads(1);
    options.setInterOpNumThreads(1);
    return env.createSession(onnx, options);
  }

  /** The trained step without the median offset: symbols round(y) instead of round(y - m). */
  private static void reportPlainRounding(TrainedRdModel model, float[] train, float[] test) {
    float[] offset = model.weights().latentOffset();
    int latent = offset.length;
    io.latentwire.codec.quant.UniformQuantizer unit =
        new io.latentwire.codec.quant.UniformQuantizer(1f);
    int[] trainSymbols = EntropyTables.quantize(shift(model.encode(train), offset, 1), unit);
    int[] testSymbols = EntropyTables.quantize(shift(model.encode(test), offset, 1), unit);
    List<FrequencyTable> tables = EntropyTables.count(trainSymbols, latent);
    double bytes =
        java.util.Arrays.stream(EntropyTables.recordBytes(testSymbols, tables)).average().orElse(0);
    float[] codes = new float[testSymbols.length];
    for (int i = 0; i < codes.length; i++) {
      codes[i] = testSymbols[i] - offset[i % latent];
    }
    float[] reconstruction = model.decode(codes);
    double sum = 0;
    for (int i = 0; i < test.length; i++) {
      double d = reconstruction[i] - test[i];
      sum += d * d;
    }
    System.out.printf(
        Locale.ROOT,
        "step 1 without offset: %.2f B/record, %.3f dB%n",
        bytes,
        -10 * Math.log10(sum / test.length));
  }

  private static float[] shift(float[] codes, float[] offset, int sign) {
    for (int i = 0; i < codes.length; i++) {
      codes[i] += sign * offset[i % offset.length];
    }
    return codes;
  }

  /** Bytes at the trained step if the tables were the discretised learned prior instead. */
  private static void reportPriorTables(
      TrainedRdModel model, float[] test, List<LadderPoint> ladder) {
    LadderPoint unit = ladder.stream().filter(p -> p.step() == 1f).findFirst().orElse(null);
    if (unit == null) {
      return;
    }
    int min = -64;
    int max = 64;
    float[][] probabilities = model.priorProbabilities(min, max);
    int latent = model.latentSize();
    List<FrequencyTable> tables = new java.util.ArrayList<>();
    for (int j = 0; j < latent; j++) {
      long[] counts = new long[max - min + 1];
      for (int k = 0; k < counts.length; k++) {
        counts[k] = Math.round(probabilities[k][j] * 1e9);
      }
      tables.add(FrequencyTable.fromCounts(counts, min, 0));
    }
    int[] symbols =
        EntropyTables.quantize(
            model.encode(test), new io.latentwire.codec.quant.UniformQuantizer(1f));
    double bytes =
        java.util.Arrays.stream(EntropyTables.recordBytes(symbols, tables)).average().orElse(0);
    System.out.printf(
        Locale.ROOT,
        "step 1: histogram tables %.2f B/record, discretised prior tables %.2f B/record%n",
        unit.estimatedBytesPerRecord(),
        bytes);
  }

  private static RdConfig config() {
    Architecture architecture =
        Architecture.valueOf(System.getProperty("rd.arch", "CONV2D").toUpperCase(Locale.ROOT));
    RdConfig.Builder builder =
        architecture == Architecture.MLP
            ? RdConfig.mlp(784, Integer.getInteger("rd.latent", 64))
            : RdConfig.conv2d(new ImageShape(28, 28, 1))
                .convChannels(Integer.getInteger("rd.channels", RdConfig.DEFAULT_CONV_CHANNELS))
                .latentChannels(
                    Integer.getInteger("rd.latentChannels", RdConfig.DEFAULT_LATENT_CHANNELS))
                .downsamplings(Integer.getInteger("rd.down", RdConfig.DEFAULT_DOWNSAMPLINGS))
                .kernelSize(Integer.getInteger("rd.kernel", RdConfig.DEFAULT_KERNEL_SIZE));
    return builder
        .lambda(Double.parseDouble(System.getProperty("rd.lambda", "0.02")))
        .epochs(Integer.getInteger("rd.epochs", 3))
        .batchSize(Integer.getInteger("rd.batch", RdConfig.DEFAULT_BATCH_SIZE))
        .learningRate(
            Double.parseDouble(
                System.getProperty("rd.lr", Double.toString(RdConfig.DEFAULT_LEARNING_RATE))))
        .finalLearningRate(
            Double.parseDouble(
                System.getProperty(
                    "rd.finalLr", Double.toString(RdConfig.DEFAULT_FINAL_LEARNING_RATE))))
        .seed(Long.getLong("rd.seed", 42))
        .ladderSteps(List.of(0.5f, 0.6f, 0.75f, 0.9f, 1f, 1.25f, 1.5f, 2f, 3f))
        .build();
  }

  private static long cpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean)
            java.lang.management.ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime();
  }

  private static float[] images(Path file) throws IOException {
    try (InputStream raw = Files.newInputStream(file);
        DataInputStream in = new DataInputStream(new GZIPInputStream(raw, 1 << 16))) {
      if (in.readInt() != 0x00000803) {
        throw new IOException(file + " is not an IDX file of unsigned bytes in 3 dimensions");
      }
      int count = in.readInt();
      int pixels = in.readInt() * in.readInt();
      byte[] bytes = in.readNBytes(count * pixels);
      float[] values = new float[bytes.length];
      for (int i = 0; i < bytes.length; i++) {
        values[i] = (bytes[i] & 0xFF) / 255f;
      }
      return values;
    }
  }
}
