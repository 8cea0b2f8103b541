package io.latentwire.ops.cli;

import io.latentwire.codec.EncodeSettings;
import io.latentwire.codec.LatentCodec;
import io.latentwire.codec.codesfile.CodesFileWriter;
import io.latentwire.codec.dataset.DataFormat;
import io.latentwire.codec.dataset.Dataset;
import io.latentwire.codec.dataset.Datasets;
import io.latentwire.codec.model.ModelBundle;
import io.latentwire.codec.onnx.InferenceOptions;
import io.latentwire.codec.record.RecordCodec;
import io.latentwire.schemas.LatentRecord;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.apache.avro.generic.GenericRecord;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code latentwire encode}: a data file to a codes file (.lwc), offline. */
@Command(
    name = "encode",
    mixinStandardHelpOptions = true,
    description = "Encode a data file into a codes file (.lwc) with a model bundle.")
public final class EncodeCommand implements Callable<Integer> {
  static final int BATCH = 256;

  @Spec CommandSpec spec;

  @Option(names = "--model", required = true, description = "Model bundle (.lwm).")
  Path model;

  @Option(
      names = "--data",
      required = true,
      description = "Input file (CSV, IDX or Avro container).")
  Path data;

  @Option(names = "--format", description = "csv, idx or avro; default: from the file name.")
  String format;

  @Option(names = "--out", required = true, description = "Codes file to write (.lwc).")
  Path out;

  @Option(
      names = "--max-abs-error",
      description = {
        "Guaranteed bound on every reconstructed value, in the data's units: one number for all"
            + " fields, or FIELD=E pairs (comma-separated) with an optional default, e.g."
            + " 'pixels=8' or 'temp=0.1,pressure=0.5,*=1'. Unlisted fields are unbounded."
            + " Default: the model's default bound (train --max-abs-error; model show lists it),"
            + " if it has one; 'none' turns that off."
      })
  String maxAbsError;

  @Option(
      names = "--operating-point",
      description =
          "Index of the bundle's operating point (quality ladder); default: the bundle's.")
  Integer operatingPoint;

  @Override
  public Integer call() throws Exception {
    ModelBundle bundle = ModelBundle.read(model);
    EncodeSettings settings = settings(bundle);
    DataFormat fmt = format == null ? null : DataFormat.parse(format);
    long records = 0;
    try (LatentCodec codec = LatentCodec.open(bundle, InferenceOptions.cpu());
        Dataset dataset = Datasets.open(data, fmt)) {
      RecordCodec rc = new RecordCodec(codec);
      rc.mapping().checkSchema(dataset.schema());
      CodesFileWriter writer = new CodesFileWriter(out, bundle.id(), dataset.schema());
      try (writer) {
        List<GenericRecord> batch = new ArrayList<>(BATCH);
        for (GenericRecord r : dataset) {
          batch.add(r);
          if (batch.size() == BATCH) {
            write(rc, batch, writer, settings);
          }
        }
        write(rc, batch, writer, settings);
        records = writer.count();
      } catch (RuntimeException e) {
        writer.abort();
        throw e;
      }
    }
    long inBytes = Files.size(data);
    long outBytes = Files.size(out);
    spec.commandLine()
        .getOut()
        .printf(
            Locale.ROOT,
            "encoded %d records with model %s: %s (%d bytes) -> %s (%d bytes), %.1f bytes/record, ratio %.1f%n",
            records,
            bundle.id().shortHex(),
            data,
            inBytes,
            out,
            outBytes,
            records == 0 ? 0.0 : (double) outBytes / records,
            outBytes == 0 ? 0.0 : (double) inBytes / outBytes);
    spec.commandLine().getOut().flush();
    return 0;
  }

  /**
   * Encode settings from --operating-point and --max-abs-error, checked against the bundle. Without
   * --max-abs-error the bundle's default bound applies (if it has one); {@code none} turns it off.
   */
  EncodeSettings settings(ModelBundle bundle) {
    EncodeSettings s = EncodeSettings.defaults();
    int points = bundle.manifest().operatingPoints().size();
    if (operatingPoint != null) {
      if (operatingPoint < 0 || operatingPoint >= points) {
        throw new IllegalArgumentException(
            "--operating-point "
                + operatingPoint
                + ": model "
                + bundle.id().shortHex()
                + " has "
                + points
                + " operating points, 0 to "
                + (points - 1));
      }
      s = s.withOperatingPoint(operatingPoint);
    }
    if (maxAbsError == null) {
      return s;
    }
    return s.withMaxAbsError(ErrorBounds.parse(maxAbsError, bundle.manifest().mapping()));
  }

  private static void write(
      RecordCodec rc, List<GenericRecord> batch, CodesFileWriter writer, EncodeSettings settings) {
    if (batch.isEmpty()) {
      return;
    }
    int[] ids = new int[batch.size()];
    java.util.Arrays.fill(ids, -1);
    for (LatentRecord lr : rc.encode(batch, ids, settings)) {
      writer.append(lr);
    }
    batch.clear();
  }
}
