package io.latentwire.streams.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import io.latentwire.codec.LatentCodec;
import io.latentwire.codec.errors.InferenceException;
import io.latentwire.codec.model.ModelBundle;
import io.latentwire.codec.onnx.ExecutionProvider;
import io.latentwire.codec.testing.TestBundles;
import io.latentwire.streams.config.LatentwireConfig;
import io.latentwire.streams.registry.InMemorySchemaRegistryClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code onnx.execution.provider=cuda} reaches ONNX Runtime; on a machine without a CUDA GPU the
 * app refuses to start, naming the key and the fixes, unless {@code onnx.cpu.fallback=true}.
 */
class ExecutionProviderSelectionTest {
  @TempDir Path dir;
  Path model;

  @BeforeEach
  void writeModel() {
    // These tests state what happens WITHOUT a GPU; on a GPU machine they do not apply.
    assumeFalse(Files.exists(Path.of("/dev/nvidiactl")), "a CUDA GPU is present");
    model = dir.resolve("m.lwm");
    TestBundles.identityOnScalars(List.of("a", "b"), 2, 0.01f).write(model);
  }

  private LatentwireConfig config(String... extra) {
    Map<String, Object> m = new HashMap<>();
    m.put("topic", "t");
    // Never contacted: start-up fails before Kafka is reached.
    m.put("bootstrap.servers", "127.0.0.1:1");
    m.put("schema.registry.url", "http://127.0.0.1:1");
    m.put("model.path", model.toString());
    m.put("http.port", "0");
    for (int i = 0; i < extra.length; i += 2) {
      m.put(extra[i], extra[i + 1]);
    }
    return new LatentwireConfig(m);
  }

  @Test
  void shouldSelectCudaWithItsDeviceFromTheConfig() {
    LatentwireConfig c = config("onnx.execution.provider", "CUDA", "onnx.device.id", "1");
    assertThat(c.inferenceOptions().provider()).isEqualTo(ExecutionProvider.CUDA);
    assertThat(c.inferenceOptions().deviceId()).isEqualTo(1);
  }

  @Test
  void shouldRefuseToStartOnCudaWithoutAGpuNamingTheKeyAndTheFixes() {
    LatentwireConfig c = config("onnx.execution.provider", "cuda");
    assertThatThrownBy(() -> PipelineApp.start(Side.ENCODE, c, new InMemorySchemaRegistryClient()))
        .isInstanceOf(InferenceException.class)
        .hasMessageContaining("onnx.execution.provider=cuda")
        .hasMessageContaining("CUDA execution provider is not available")
        .hasMessageContaining("-Pcuda")
        .hasMessageContaining("onnx.execution.provider=cpu");
  }

  @Test
  void shouldFallBackToCpuWhenConfiguredTo() {
    LatentwireConfig c = config("onnx.execution.provider", "cuda", "onnx.cpu.fallback", "true");
    ModelBundle bundle = ModelBundle.read(c.modelPath());
    try (LatentCodec codec = LatentCodec.open(bundle, c.inferenceOptions())) {
      float[] back = codec.decode(codec.encode(new float[] {1.5f, -2f}));
      assertThat(back[0]).isCloseTo(1.5f, org.assertj.core.data.Offset.offset(0.006f));
      assertThat(back[1]).isCloseTo(-2f, org.assertj.core.data.Offset.offset(0.006f));
    }
  }
}
