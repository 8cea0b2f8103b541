package io.latentwire.codec.quant;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.latentwire.codec.entropy.FrequencyTable;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * One rung of a bundle's quality ladder: a quantization step for the latent and the entropy tables
 * of the symbols it produces (one per latent dimension), with what it measured on validation data.
 *
 * @param name human name, e.g. {@code q3}
 * @param step quantization step in latent units
 * @param tables one frequency table per latent dimension
 * @param metrics validation figures at this point, e.g. {@code psnr.db}, {@code bytes.mean}
 */
public record OperatingPoint(
    @JsonProperty("name") String name,
    @JsonProperty("step") float step,
    @JsonProperty("tables") List<FrequencyTable> tables,
    @JsonProperty("metrics") SortedMap<String, Double> metrics) {

  @JsonCreator
  public OperatingPoint {
    Objects.requireNonNull(name, "name");
    if (!(step > 0) || !Float.isFinite(step)) {
      throw new IllegalArgumentException(
          "operating point " + name + ": step must be finite and > 0, got " + step);
    }
    tables = List.copyOf(Objects.requireNonNull(tables, "tables"));
    metrics = new TreeMap<>(metrics == null ? Map.of() : metrics);
  }

  public UniformQuantizer quantizer() {
    return new UniformQuantizer(step);
  }
}
