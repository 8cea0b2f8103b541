package io.latentwire.trainer.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.latentwire.codec.LatentCodec;
import io.latentwire.codec.dataset.Dataset;
import io.latentwire.codec.dataset.Datasets;
import io.latentwire.codec.metrics.FidelityMeter;
import io.latentwire.codec.model.ModelBundle;
import io.latentwire.codec.onnx.InferenceOptions;
import io.latentwire.trainer.SensorCsv;
import io.latentwire.trainer.TrainerException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelTrainerTest {
  @TempDir static Path dir;
  static Path csv;
  static TrainedModel model;

  @BeforeAll
  static void train() throws IOException {
    csv = SensorCsv.write(dir.resolve("sensors.csv"), 2000, 1);
    TrainingOptions options =
        TrainingOptions.defaults(3).withEpochs(25).withHiddenSizes(List.of(32, 16));
    try (Dataset d = Datasets.open(csv)) {
      model = new ModelTrainer(TrainingMonitor.NONE).train(d, options);
    }
  }

  @Test
  void shouldMapTheNumericColumnsAndLeaveTheTextColumnToPassThrough() {
    var m = model.bundle().manifest();
    assertThat(m.inputSize()).isEqualTo(8);
    assertThat(m.mapping().isMapped("site")).isFalse();
    assertThat(m.latentSize()).isEqualTo(3);
  }

  @Test
  void shouldRecordMetricsAndProvenanceInTheManifest() {
    var m = model.bundle().manifest();
    assertThat(m.metrics())
        .containsKeys("val.psnr.db", "val.max_abs_error", "val.payload.bytes.mean");
    assertThat(m.provenance())
        .containsKeys("data.fingerprint.sha256", "trainer.version", "hyper.seed");
    assertThat(m.metrics().get("val.psnr.db")).isGreaterThan(25.0);
  }

  @Test
  void shouldReconstructHeldOutRowsAboutAsWellAsValidationSaid() throws IOException {
    Path fresh = SensorCsv.write(dir.resolve("fresh.csv"), 500, 99);
    ModelBundle bundle = model.bundle();
    FidelityMeter meter = new FidelityMeter(bundle.manifest().normalization());
    try (LatentCodec codec = LatentCodec.open(bundle, InferenceOptions.cpu());
        Dataset d = Datasets.open(fresh)) {
      for (GenericRecord r : d) {
        float[] x = bundle.manifest().mapping().extract(r);
        meter.add(x, codec.decode(codec.encode(x)), 1);
      }
    }
    assertThat(meter.psnrDb()).isGreaterThan(bundle.manifest().metrics().get("val.psnr.db") - 3);
  }

  @Test
  void shouldDefaultToTheTrainedStepWithFinerStepsCostingMoreBytes() {
    var cal = model.calibration();
    assertThat(cal.chosen().step()).isEqualTo(1f);
    assertThat(cal.ladder().get(0).step()).isLessThan(1f);
    assertThat(cal.ladder().get(0).meanPayloadBytes())
        .isGreaterThan(cal.chosen().meanPayloadBytes());
    assertThat(cal.ladder().get(cal.ladder().size() - 1).meanPayloadBytes())
        .isLessThan(cal.chosen().meanPayloadBytes());
    assertThat(model.bundle().manifest().architecture()).isEqualTo("mlp");
  }

  @Test
  void shouldRecordTheScheduleAndEarlyStoppingInTheProvenanceAndKeepTheClockOut() {
    var m = model.bundle().manifest();
    assertThat(m.provenance())
        .containsKeys(
            "hyper.lambda",
            "hyper.lr.schedule",
            "hyper.early_stopping",
            "train.stop_reason",
            "train.best_epoch");
    assertThat(m.metrics()).doesNotContainKey("train.seconds");
    assertThat(model.trainSeconds()).isPositive();
    assertThat(model.history()).isNotEmpty();
    assertThat(model.history().get(0).learningRate()).isPositive();
  }

  @Test
  void shouldWriteByteIdenticalBundlesFromTheSameSeedAndData() throws IOException {
    TrainingOptions options =
        TrainingOptions.defaults(3).withEpochs(4).withHiddenSizes(List.of(16)).withPatience(2);
    byte[] first;
    byte[] second;
    try (Dataset d = Datasets.open(csv)) {
      first = new ModelTrainer(TrainingMonitor.NONE).train(d, options).bundle().toBytes();
    }
    try (Dataset d = Datasets.open(csv)) {
      second = new ModelTrainer(TrainingMonitor.NONE).train(d, options).bundle().toBytes();
    }
    assertThat(second).isEqualTo(first);
  }

  @Test
  void shouldPickTheCoarsestPointThatReachesATargetPsnr() throws IOException {
    var ladder = model.calibration().ladder();
    double target = ladder.get(ladder.size() - 1).psnrDb() - 0.01;
    // The same run again, with a target only the coarsest point just reaches... or a finer one.
    try (Dataset d = Datasets.open(csv)) {
      TrainedModel targeted =
          new ModelTrainer(TrainingMonitor.NONE)
              .train(
                  d,
                  TrainingOptions.defaults(3)
                      .withEpochs(25)
                      .withHiddenSizes(List.of(32, 16))
                      .withTargetPsnrDb(target));
      var cal = targeted.calibration();
      assertThat(cal.chosen().psnrDb()).isGreaterThanOrEqualTo(target);
      assertThat(cal.chosen()).isEqualTo(cal.ladder().get(cal.ladder().size() - 1));
    }
  }

  @Test
  void shouldRefuseADataSetTooSmallToTrainOn() throws IOException {
    Path tiny = SensorCsv.write(dir.resolve("tiny.csv"), 5, 3);
    try (Dataset d = Datasets.open(tiny)) {
      assertThatThrownBy(
              () -> new ModelTrainer(TrainingMonitor.NONE).train(d, TrainingOptions.defaults(2)))
          .isInstanceOf(TrainerException.class)
          .hasMessageContaining("holds 5 records");
    }
  }

  @Test
  void shouldRefuseANonFiniteTrainingValueNamingTheRecordAndTheField() throws IOException {
    org.apache.avro.Schema schema =
        org.apache.avro.SchemaBuilder.record("R")
            .fields()
            .requiredFloat("a")
            .name("v")
            .type()
            .array()
            .items()
            .doubleType()
            .noDefault()
            .endRecord();
    Path file = dir.resolve("nan.avro");
    try (var w =
        new org.apache.avro.file.DataFileWriter<GenericRecord>(
            new org.apache.avro.generic.GenericDatumWriter<>(schema))) {
      w.create(schema, file.toFile());
      for (int i = 0; i < 30; i++) {
        var r = new org.apache.avro.generic.GenericData.Record(schema);
        r.put("a", (float) i);
        r.put("v", List.of(1.0, i == 6 ? Double.NaN : 2.0, 3.0));
        w.append(r);
      }
    }
    try (Dataset d = Datasets.open(file)) {
      assertThatThrownBy(
              () ->
                  new ModelTrainer(TrainingMonitor.NONE)
                      .train(d, TrainingOptions.defaults(2).withEpochs(1)))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageStartingWith("record 7: field 'v' element 1 is NaN; training data must be");
    }
  }
}
