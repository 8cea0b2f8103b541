package io.latentwire.ops.demo;

import io.latentwire.codec.dataset.Dataset;
import io.latentwire.codec.mapping.FieldMapping;
import io.latentwire.codec.metrics.FidelityMeter;
import io.latentwire.codec.model.ModelBundle;
import io.latentwire.ops.embedded.LocalStack;
import io.latentwire.ops.pipeline.PipelineRun;
import io.latentwire.streams.registry.HttpSchemaRegistryClient;
import io.latentwire.trainer.pipeline.ModelTrainer;
import io.latentwire.trainer.pipeline.TrainedModel;
import io.latentwire.trainer.pipeline.TrainingMonitor;
import io.latentwire.trainer.pipeline.TrainingOptions;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.generic.GenericRecord;

/**
 * {@code latentwire demo}: the whole pipeline on an embedded stack. Trains a model on the demo
 * data, streams records through encode and decode on a real KRaft broker, and measures what came
 * out against what went in.
 */
public final class Demo {
  private final PrintStream out;
  private final TrainingMonitor monitor;

  public Demo(PrintStream out, TrainingMonitor monitor) {
    this.out = out;
    this.monitor = monitor;
  }

  /** Runs the demo in {@code workDir} (model, broker state). */
  public DemoReport run(DemoData data, TrainingOptions options, Path workDir) {
    out.println("» demo data: " + data.name());
    long t0 = System.nanoTime();
    TrainedModel trained;
    try (Dataset training = data.training().open()) {
      trained = new ModelTrainer(monitor).train(training, options);
    }
    double trainSeconds = (System.nanoTime() - t0) / 1e9;
    ModelBundle bundle = trained.bundle();
    Path modelPath = workDir.resolve("demo-" + bundle.id().shortHex() + ".lwm");
    bundle.write(modelPath);
    out.printf(
        "» model %s: %s, trained in %.1f s, validation PSNR %.2f dB at %.1f payload bytes/record%n",
        bundle.id().shortHex(),
        modelPath,
        trainSeconds,
        bundle.manifest().metrics().get("val.psnr.db"),
        bundle.manifest().metrics().get("val.payload.bytes.mean"));

    out.println("» starting the embedded Kafka broker (KRaft) and schema registry on 127.0.0.1");
    try (LocalStack stack = LocalStack.start()) {
      out.printf(
          "  broker %s (ready in %d ms), registry %s%n",
          stack.bootstrapServers(), stack.brokerStartupTime().toMillis(), stack.registryUrl());
      HttpSchemaRegistryClient registry = HttpSchemaRegistryClient.forUrls(stack.registryUrl());
      PipelineRun run =
          new PipelineRun(
              new PipelineRun.Spec(
                  stack.bootstrapServers(),
                  stack.registryUrl(),
                  registry,
                  modelPath,
                  "demo",
                  2,
                  workDir.resolve("streams-state"),
                  Duration.ofMinutes(10)));
      out.printf(
          "» streaming %d records: demo -> demo.latent -> demo.reconstructed%n",
          data.stream().size());
      ProgressLine progress = new ProgressLine(out, data.stream().size());
      PipelineRun.Result result =
          run.run(data.streamKeys(), data.stream(), List.of(), Map.of(), progress::update);
      progress.done();
      return report(data, bundle, trainSeconds, result);
    }
  }

  private static DemoReport report(
      DemoData data, ModelBundle bundle, double trainSeconds, PipelineRun.Result r) {
    FieldMapping mapping = bundle.manifest().mapping();
    Map<String, GenericRecord> originals = new HashMap<>();
    for (int i = 0; i < data.stream().size(); i++) {
      originals.put(data.streamKeys().get(i), data.stream().get(i));
    }
    FidelityMeter meter = new FidelityMeter(bundle.manifest().normalization());
    for (PipelineRun.Output o : r.outputs()) {
      GenericRecord original = originals.get(o.key());
      meter.add(mapping.extract(original), mapping.extract(o.value()), 1);
    }
    long n = r.outputs().size();
    return new DemoReport(
        data.name(),
        bundle.id().shortHex(),
        trainSeconds,
        n,
        rawFeatureBytes(mapping),
        r.rawWireBytesPerRecord(),
        (double) r.rawLogBytes() / n,
        (double) r.latentLogBytes() / n,
        meter.psnrDb(),
        meter.maxAbsError(),
        meter.maxRelativeError(),
        n / (r.pipelineTime().toNanos() / 1e9),
        (n - 1) / Math.max(1e-9, r.firstToLastOutput().toNanos() / 1e9),
        r.deadLetters().size());
  }

  /** Bytes of the mapped features in their natural type: 1 per uint8, 4 per float or int. */
  static int rawFeatureBytes(FieldMapping mapping) {
    int bytes = 0;
    for (var f : mapping.fields()) {
      bytes +=
          f.width()
              * (f.type().featureKind() == io.latentwire.codec.mapping.FeatureKind.UINT8
                  ? 1
                  : f.type() == io.latentwire.codec.mapping.FieldType.DOUBLE
                          || f.type() == io.latentwire.codec.mapping.FieldType.LONG
                          || f.type() == io.latentwire.codec.mapping.FieldType.ARRAY_DOUBLE
                          || f.type() == io.latentwire.codec.mapping.FieldType.ARRAY_LONG
                      ? 8
                      : 4);
    }
    return bytes;
  }

  /** A one-line progress display of reconstructed records. */
  static final class ProgressLine {
    private final PrintStream out;
    private final int total;
    private final boolean live = System.console() != null;
    private long lastPrinted = -1;
    private long lastNanos;

    ProgressLine(PrintStream out, int total) {
      this.out = out;
      this.total = total;
    }

    void update(long done) {
      long now = System.nanoTime();
      if (done == lastPrinted
          || (now - lastNanos < (live ? 200_000_000L : 2_000_000_000L) && done < total)) {
        return;
      }
      lastPrinted = done;
      lastNanos = now;
      String line =
          String.format(
              "  %d / %d records reconstructed (%.0f%%)", done, total, 100.0 * done / total);
      if (live) {
        out.print("\r" + line);
      } else {
        out.println(line);
      }
    }

    void done() {
      if (live) {
        out.println();
      }
    }
  }
}
