package io.latentwire.trainer.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.latentwire.codec.LatentCodec;
import io.latentwire.codec.dataset.Dataset;
import io.latentwire.codec.dataset.Datasets;
import io.latentwire.codec.metrics.FidelityMeter;
import io.latentwire.codec.onnx.InferenceOptions;
import io.latentwire.trainer.rd.Architecture;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.file.DataFileWriter;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Records holding one window of a series train a CONV1D model that the codec decodes. */
class WindowTrainingTest {
  private static final int LENGTH = 40;

  @TempDir Path dir;

  @Test
  void shouldChooseConv1dForWindowsAndWriteABundleTheCodecDecodes() throws IOException {
    Path data = windows(dir.resolve("windows.avro"), 600);
    TrainedModel model;
    try (Dataset d = Datasets.open(data)) {
      model =
          new ModelTrainer(TrainingMonitor.NONE)
              .train(d, TrainingOptions.defaults(0).withEpochs(6));
    }
    var manifest = model.bundle().manifest();
    assertThat(manifest.architecture()).isEqualTo("conv1d");
    assertThat(manifest.provenance()).containsEntry("hyper.architecture.source", "automatic");
    FidelityMeter meter = new FidelityMeter(manifest.normalization());
    try (LatentCodec codec = LatentCodec.open(model.bundle(), InferenceOptions.cpu());
        Dataset d = Datasets.open(data)) {
      for (GenericRecord r : d) {
        float[] x = manifest.mapping().extract(r);
        meter.add(x, codec.decode(codec.encode(x)), 1);
      }
    }
    assertThat(meter.psnrDb()).isGreaterThan(manifest.metrics().get("val.psnr.db") - 3);
  }

  @Test
  void shouldRefuseConv2dForWindowsNamingTheAlternative() throws IOException {
    Path data = windows(dir.resolve("w.avro"), 40);
    try (Dataset d = Datasets.open(data)) {
      assertThatThrownBy(
              () ->
                  new ModelTrainer(TrainingMonitor.NONE)
                      .train(d, TrainingOptions.defaults(0).withArchitecture(Architecture.CONV2D)))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("--arch conv2d needs image records")
          .hasMessageContaining("Use --arch mlp");
    }
  }

  private static Path windows(Path file, int count) throws IOException {
    Schema schema =
        SchemaBuilder.record("Window")
            .namespace("test")
            .fields()
            .requiredString("sensor")
            .name("samples")
            .type()
            .array()
            .items()
            .floatType()
            .noDefault()
            .endRecord();
    SplittableRandom random = new SplittableRandom(3);
    try (DataFileWriter<GenericRecord> writer =
        new DataFileWriter<>(new GenericDatumWriter<GenericRecord>(schema))) {
      writer.create(schema, file.toFile());
      for (int i = 0; i < count; i++) {
        double phase = random.nextDouble(0, 6.3);
        double freq = random.nextDouble(0.1, 0.4);
        double level = random.nextDouble(10, 20);
        List<Float> samples = new ArrayList<>();
        for (int t = 0; t < LENGTH; t++) {
          samples.add((float) (level + 3 * Math.sin(phase + freq * t)));
        }
        GenericRecord r = new GenericData.Record(schema);
        r.put("sensor", "s" + (i % 4));
        r.put("samples", samples);
        writer.append(r);
      }
    }
    return file;
  }
}
