package io.latentwire.ops.cli;

import io.latentwire.codec.LatentCodec;
import io.latentwire.codec.codesfile.CodesFileReader;
import io.latentwire.codec.dataset.CsvWriter;
import io.latentwire.codec.model.ModelBundle;
import io.latentwire.codec.onnx.InferenceOptions;
import io.latentwire.codec.record.RecordCodec;
import io.latentwire.schemas.LatentRecord;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.apache.avro.Schema;
import org.apache.avro.file.CodecFactory;
import org.apache.avro.file.DataFileWriter;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code latentwire decode}: a codes file back to records (CSV or Avro container). */
@Command(
    name = "decode",
    mixinStandardHelpOptions = true,
    description = "Decode a codes file (.lwc) into CSV or an Avro container file.")
public final class DecodeCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(
      names = "--model",
      required = true,
      description = "Model bundle (.lwm) the codes were made with.")
  Path model;

  @Option(names = "--in", required = true, description = "Codes file (.lwc).")
  Path in;

  @Option(names = "--out", required = true, description = "Output: FILE.csv or FILE.avro.")
  Path out;

  @Override
  public Integer call() throws IOException {
    boolean csv = out.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".csv");
    boolean avro = out.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".avro");
    if (!csv && !avro) {
      throw new IllegalArgumentException("--out " + out + ": the name must end in .csv or .avro");
    }
    ModelBundle bundle = ModelBundle.read(model);
    Path abs = out.toAbsolutePath();
    Files.createDirectories(abs.getParent());
    Path tmp = Files.createTempFile(abs.getParent(), "." + abs.getFileName(), ".partial");
    long records = 0;
    try (CodesFileReader reader = new CodesFileReader(in)) {
      reader.requireModel(bundle.id());
      Schema schema = reader.sourceSchema();
      try (LatentCodec codec = LatentCodec.open(bundle, InferenceOptions.cpu());
          RecordSink sink = csv ? csvSink(tmp, schema) : avroSink(tmp, schema)) {
        RecordCodec rc = new RecordCodec(codec);
        List<LatentRecord> batch = new ArrayList<>(EncodeCommand.BATCH);
        for (LatentRecord lr : reader) {
          batch.add(lr);
          if (batch.size() == EncodeCommand.BATCH) {
            records += flush(rc, batch, schema, sink);
          }
        }
        records += flush(rc, batch, schema, sink);
      }
      Files.move(tmp, abs, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } finally {
      Files.deleteIfExists(tmp);
    }
    spec.commandLine()
        .getOut()
        .printf(
            Locale.ROOT,
            "decoded %d records with model %s into %s%n",
            records,
            bundle.id().shortHex(),
            out);
    spec.commandLine().getOut().flush();
    return 0;
  }

  private static int flush(RecordCodec rc, List<LatentRecord> batch, Schema schema, RecordSink sink)
      throws IOException {
    if (batch.isEmpty()) {
      return 0;
    }
    GenericRecord[] decoded = rc.decode(batch, Collections.nCopies(batch.size(), schema));
    for (GenericRecord r : decoded) {
      sink.write(r);
    }
    int n = batch.size();
    batch.clear();
    return n;
  }

  /** Where decoded records go. */
  private interface RecordSink extends AutoCloseable {
    void write(GenericRecord r) throws IOException;

    @Override
    void close() throws IOException;
  }

  private static RecordSink csvSink(Path file, Schema schema) {
    CsvWriter w = CsvWriter.create(file, schema);
    return new RecordSink() {
      @Override
      public void write(GenericRecord r) {
        w.write(r);
      }

      @Override
      public void close() {
        w.close();
      }
    };
  }

  private static RecordSink avroSink(Path file, Schema schema) throws IOException {
    DataFileWriter<GenericRecord> w =
        new DataFileWriter<>(new GenericDatumWriter<GenericRecord>(schema));
    w.setCodec(CodecFactory.zstandardCodec(3, true));
    w.create(schema, file.toFile());
    return new RecordSink() {
      @Override
      public void write(GenericRecord r) throws IOException {
        w.append(r);
      }

      @Override
      public void close() throws IOException {
        w.close();
      }
    };
  }
}
