package io.latentwire.ops.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.latentwire.codec.model.ModelBundle;
import io.latentwire.schemas.LatentRecord;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.apache.avro.file.DataFileReader;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The offline contract: train, encode, decode through the launcher's command line. */
class OfflineCommandsTest {
  @TempDir static Path dir;
  static Path csv;
  static Path model;
  static Path otherModel;

  record Run(int exit, String out, String err) {}

  static Run cli(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int exit = LatentwireCli.run(new PrintWriter(out), new PrintWriter(err), args);
    return new Run(exit, out.toString(), err.toString());
  }

  /** Text, integer and real columns, the numeric ones correlated through two factors. */
  static Path writeCsv(Path file, int rows, long seed) throws Exception {
    SplittableRandom rnd = new SplittableRandom(seed);
    StringBuilder sb = new StringBuilder("station,count,temp,\"wind, m/s\",note,pressure\n");
    for (int i = 0; i < rows; i++) {
      double a = rnd.nextDouble(-1, 1);
      double b = rnd.nextDouble(-1, 1);
      sb.append(
          String.format(
              Locale.ROOT,
              "st-%d,%d,%.3f,%.3f,\"n, %d\",%.2f%n",
              i % 4,
              100 + Math.round(50 * a),
              15 + 8 * a,
              5 + 3 * b,
              i,
              1013 + 10 * b - 5 * a));
    }
    Files.writeString(file, sb);
    return file;
  }

  @BeforeAll
  static void trainTwoModels() throws Exception {
    csv = writeCsv(dir.resolve("weather.csv"), 800, 1);
    model = dir.resolve("weather.lwm");
    otherModel = dir.resolve("other.lwm");
    Run a =
        cli(
            "train",
            "--data",
            csv.toString(),
            "--out",
            model.toString(),
            "--latent",
            "3",
            "--epochs",
            "15",
            "--hidden",
            "32,16");
    assertThat(a.exit()).as(a.err()).isZero();
    Run b =
        cli(
            "train",
            "--data",
            csv.toString(),
            "--out",
            otherModel.toString(),
            "--latent",
            "2",
            "--epochs",
            "2",
            "--hidden",
            "16");
    assertThat(b.exit()).as(b.err()).isZero();
  }

  @Test
  void shouldDecodeToACsvWithTheInputsColumnsInOrderAndTextUnchanged() throws Exception {
    Path codes = dir.resolve("weather.lwc");
    Path decoded = dir.resolve("weather.decoded.csv");
    Run enc =
        cli(
            "encode",
            "--model",
            model.toString(),
            "--data",
            csv.toString(),
            "--out",
            codes.toString());
    assertThat(enc.exit()).as(enc.err()).isZero();
    assertThat(enc.out()).contains("encoded 800 records");
    Run dec =
        cli(
            "decode",
            "--model",
            model.toString(),
            "--in",
            codes.toString(),
            "--out",
            decoded.toString());
    assertThat(dec.exit()).as(dec.err()).isZero();

    List<String> in = Files.readAllLines(csv);
    List<String> out = Files.readAllLines(decoded);
    assertThat(out).hasSameSizeAs(in);
    assertThat(out.get(0)).isEqualTo(in.get(0));
    double sum = 0;
    double sumSq = 0;
    double errSq = 0;
    for (int i = 1; i < in.size(); i++) {
      String[] a = splitCsv(in.get(i));
      String[] b = splitCsv(out.get(i));
      assertThat(b[0]).isEqualTo(a[0]);
      assertThat(b[4]).isEqualTo(a[4]);
      assertThat(b[1]).as("integer column stays integer").matches("-?[0-9]+");
      double p = Double.parseDouble(a[5]);
      sum += p;
      sumSq += p * p;
      errSq += Math.pow(Double.parseDouble(b[5]) - p, 2);
    }
    int n = in.size() - 1;
    double std = Math.sqrt(sumSq / n - Math.pow(sum / n, 2));
    // The model must explain most of the pressure column's variance, not just predict its mean.
    assertThat(Math.sqrt(errSq / n)).isLessThan(0.5 * std);
  }

  @Test
  void shouldWriteCodesAsAZstdAvroContainerWithTheModelIdOnceInTheMetadata() throws Exception {
    Path codes = dir.resolve("c.lwc");
    assertThat(
            cli(
                    "encode",
                    "--model",
                    model.toString(),
                    "--data",
                    csv.toString(),
                    "--out",
                    codes.toString())
                .exit())
        .isZero();
    // Any Avro reader opens it: entries are {payload, passthrough}, the model id is metadata.
    try (DataFileReader<org.apache.avro.generic.GenericRecord> r =
        new DataFileReader<>(codes.toFile(), new org.apache.avro.generic.GenericDatumReader<>())) {
      assertThat(r.getMetaString("avro.codec")).isEqualTo("zstandard");
      assertThat(r.getMetaString("latentwire.model.id"))
          .isEqualTo(ModelBundle.read(model).id().hex());
      assertThat(r.getSchema().getFields())
          .extracting(org.apache.avro.Schema.Field::name)
          .containsExactly("payload", "passthrough");
    }
    // The project's reader hands out the LatentRecords a topic carries.
    try (io.latentwire.codec.codesfile.CodesFileReader r =
        new io.latentwire.codec.codesfile.CodesFileReader(codes)) {
      LatentRecord first = r.iterator().next();
      assertThat(first.getModelId().bytes()).isEqualTo(ModelBundle.read(model).id().shortBytes());
      assertThat(first.getSourceSchemaId()).isEqualTo(-1);
    }
    long perRecord = Files.size(codes) / 800;
    assertThat(perRecord).isLessThan(Files.size(csv) / 800);
  }

  @Test
  void shouldRefuseCodesOfAnotherModelNamingBothIds() throws Exception {
    Path codes = dir.resolve("x.lwc");
    assertThat(
            cli(
                    "encode",
                    "--model",
                    model.toString(),
                    "--data",
                    csv.toString(),
                    "--out",
                    codes.toString())
                .exit())
        .isZero();
    Run r =
        cli(
            "decode",
            "--model",
            otherModel.toString(),
            "--in",
            codes.toString(),
            "--out",
            dir.resolve("y.csv").toString());
    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.err())
        .contains(ModelBundle.read(model).id().hex())
        .contains(ModelBundle.read(otherModel).id().hex())
        .doesNotContain("\tat ");
    assertThat(dir.resolve("y.csv")).doesNotExist();
  }

  @Test
  void shouldExplainInputErrorsInOneLine() throws Exception {
    Path empty = dir.resolve("empty.csv");
    Files.writeString(empty, "");
    Run r = cli("train", "--data", empty.toString(), "--out", dir.resolve("e.lwm").toString());
    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.err()).contains("empty").doesNotContain("\tat ");

    Run missing =
        cli(
            "encode",
            "--model",
            dir.resolve("nope.lwm").toString(),
            "--data",
            csv.toString(),
            "--out",
            dir.resolve("n.lwc").toString());
    assertThat(missing.exit()).isEqualTo(1);
    assertThat(missing.err()).contains("nope.lwm does not exist");

    Run badBound =
        cli(
            "encode",
            "--model",
            model.toString(),
            "--data",
            csv.toString(),
            "--out",
            dir.resolve("n.lwc").toString(),
            "--max-abs-error",
            "nosuch=1");
    assertThat(badBound.exit()).isEqualTo(1);
    assertThat(badBound.err()).contains("nosuch").contains("mapped fields");
  }

  @Test
  void shouldRoundTripIdxImagesIntoAnAvroContainer() throws Exception {
    Path idx = dir.resolve("train-images-idx3-ubyte");
    int n = 200;
    java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(16 + n * 784);
    b.putInt(0x00000803).putInt(n).putInt(28).putInt(28);
    SplittableRandom rnd = new SplittableRandom(3);
    for (int i = 0; i < n; i++) {
      int cx = 8 + rnd.nextInt(12);
      for (int p = 0; p < 784; p++) {
        int dx = p % 28 - cx;
        int dy = p / 28 - 14;
        b.put((byte) Math.max(0, 255 - 4 * (dx * dx + dy * dy)));
      }
    }
    Files.write(idx, b.array());
    Path images = dir.resolve("images.lwm");
    Run t =
        cli(
            "train",
            "--data",
            idx.toString(),
            "--out",
            images.toString(),
            "--latent",
            "4",
            "--epochs",
            "3",
            "--hidden",
            "64");
    assertThat(t.exit()).as(t.err()).isZero();
    Path codes = dir.resolve("images.lwc");
    Path back = dir.resolve("images.avro");
    assertThat(
            cli(
                    "encode",
                    "--model",
                    images.toString(),
                    "--data",
                    idx.toString(),
                    "--format",
                    "idx",
                    "--out",
                    codes.toString())
                .exit())
        .isZero();
    Run d =
        cli(
            "decode",
            "--model",
            images.toString(),
            "--in",
            codes.toString(),
            "--out",
            back.toString());
    assertThat(d.exit()).as(d.err()).isZero();
    try (var reader =
        new DataFileReader<org.apache.avro.generic.GenericRecord>(
            back.toFile(), new org.apache.avro.generic.GenericDatumReader<>())) {
      int count = 0;
      for (var r : reader) {
        assertThat(((java.nio.ByteBuffer) r.get("pixels")).remaining()).isEqualTo(784);
        assertThat(r.get("id")).isEqualTo((long) count);
        count++;
      }
      assertThat(count).isEqualTo(n);
    }
  }

  @Test
  void shouldKeepEveryValueWithinTheRequestedBound() throws Exception {
    Path codes = dir.resolve("bounded.lwc");
    Path plain = dir.resolve("plain.lwc");
    Path decoded = dir.resolve("bounded.csv");
    Run enc =
        cli(
            "encode",
            "--model",
            model.toString(),
            "--data",
            csv.toString(),
            "--out",
            codes.toString(),
            "--max-abs-error",
            "temp=0.05,*=0.5");
    assertThat(enc.exit()).as(enc.err()).isZero();
    assertThat(
            cli(
                    "encode",
                    "--model",
                    model.toString(),
                    "--data",
                    csv.toString(),
                    "--out",
                    plain.toString())
                .exit())
        .isZero();
    assertThat(Files.size(codes)).isGreaterThan(Files.size(plain));
    assertThat(
            cli(
                    "decode",
                    "--model",
                    model.toString(),
                    "--in",
                    codes.toString(),
                    "--out",
                    decoded.toString())
                .exit())
        .isZero();
    List<String> in = Files.readAllLines(csv);
    List<String> out = Files.readAllLines(decoded);
    for (int i = 1; i < in.size(); i++) {
      String[] a = splitCsv(in.get(i));
      String[] b = splitCsv(out.get(i));
      // count is an integer column: a bound of 0.5 keeps it exact
      assertThat(b[1]).isEqualTo(a[1]);
      assertThat(Math.abs(Double.parseDouble(b[2]) - Double.parseDouble(a[2])))
          .isLessThanOrEqualTo(0.05);
      assertThat(Math.abs(Double.parseDouble(b[3]) - Double.parseDouble(a[3])))
          .isLessThanOrEqualTo(0.5);
      assertThat(Math.abs(Double.parseDouble(b[5]) - Double.parseDouble(a[5])))
          .isLessThanOrEqualTo(0.5);
    }
  }

  @Test
  void shouldApplyTheModelsDefaultBoundWhenEncodeIsGivenNoneAndShowIt() throws Exception {
    // The trained model with a default bound, as train --max-abs-error writes one.
    io.latentwire.codec.model.ModelBundle trained =
        io.latentwire.codec.model.ModelBundle.read(model);
    Path bounded = dir.resolve("weather-bounded.lwm");
    io.latentwire.codec.model.ModelBundle.create(
            trained.manifest().withDefaultMaxAbsError("temp=0.05,*=0.5"),
            trained.encoderOnnx(),
            trained.decoderOnnx())
        .write(bounded);
    Run show = cli("model", "show", bounded.toString());
    assertThat(show.exit()).as(show.err()).isZero();
    assertThat(show.out()).containsPattern("max abs error: +temp=0\\.05,\\*=0\\.5 by default");
    Path codes = dir.resolve("default-bound.lwc");
    Path off = dir.resolve("default-bound-off.lwc");
    Path decoded = dir.resolve("default-bound.csv");
    String[] common = {"encode", "--model", bounded.toString(), "--data", csv.toString()};
    Run enc = cli(concat(common, "--out", codes.toString()));
    assertThat(enc.exit()).as(enc.err()).isZero();
    Run none = cli(concat(common, "--out", off.toString(), "--max-abs-error", "none"));
    assertThat(none.exit()).as(none.err()).isZero();
    assertThat(Files.size(codes)).isGreaterThan(Files.size(off));
    Run dec =
        cli(
            "decode",
            "--model",
            bounded.toString(),
            "--in",
            codes.toString(),
            "--out",
            decoded.toString());
    assertThat(dec.exit()).as(dec.err()).isZero();
    List<String> in = Files.readAllLines(csv);
    List<String> out = Files.readAllLines(decoded);
    for (int i = 1; i < in.size(); i++) {
      String[] a = splitCsv(in.get(i));
      String[] b = splitCsv(out.get(i));
      assertThat(b[1]).isEqualTo(a[1]);
      assertThat(Math.abs(Double.parseDouble(b[2]) - Double.parseDouble(a[2])))
          .isLessThanOrEqualTo(0.05);
      assertThat(Math.abs(Double.parseDouble(b[3]) - Double.parseDouble(a[3])))
          .isLessThanOrEqualTo(0.5);
    }
  }

  private static String[] concat(String[] a, String... b) {
    String[] out = java.util.Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }

  /** Minimal CSV split that honours quotes (enough for this file). */
  static String[] splitCsv(String line) {
    List<String> out = new java.util.ArrayList<>();
    StringBuilder cur = new StringBuilder();
    boolean quoted = false;
    for (char c : line.toCharArray()) {
      if (c == '"') {
        quoted = !quoted;
      } else if (c == ',' && !quoted) {
        out.add(cur.toString());
        cur.setLength(0);
      } else {
        cur.append(c);
      }
    }
    out.add(cur.toString());
    return out.toArray(new String[0]);
  }
}
