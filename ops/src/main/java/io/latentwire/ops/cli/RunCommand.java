package io.latentwire.ops.cli;

import io.latentwire.streams.app.PipelineApp;
import io.latentwire.streams.app.Side;
import io.latentwire.streams.config.LatentwireConfig;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.apache.kafka.common.config.ConfigException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code latentwire run encode|decode --config FILE}: a long-running streams app. */
@Command(
    name = "run",
    mixinStandardHelpOptions = true,
    description = {
      "Run the encode or decode Kafka Streams app until stopped (SIGTERM / Ctrl-C).",
      "Config: a properties file; LATENTWIRE_* environment variables override it"
          + " (LATENTWIRE_MODEL_PATH sets model.path). Keys: docs/CONFIG.md.",
      "Serves /health, /health/live, /health/ready and /metrics (Prometheus) on"
          + " http.host:http.port, by default 127.0.0.1:8080; http.port=0 turns it off."
    })
public final class RunCommand implements Callable<Integer> {
  @Parameters(index = "0", description = "encode or decode")
  String side;

  @Option(names = "--config", required = true, description = "Properties file.")
  Path config;

  @Override
  public Integer call() throws InterruptedException {
    Side s = Side.parse(side);
    LatentwireConfig cfg;
    try {
      cfg = LatentwireConfig.load(config, System.getenv());
      cfg.streamsConfig("latentwire-" + s.label());
    } catch (ConfigException e) {
      throw new CliException("configuration " + config + ": " + e.getMessage(), e);
    }
    PipelineApp app;
    try {
      app = PipelineApp.start(s, cfg);
    } catch (ConfigException e) {
      throw new CliException("configuration " + config + ": " + e.getMessage(), e);
    }
    // SIGTERM / Ctrl-C: close cleanly, which commits (and so drains) every task's batch.
    Thread hook = new Thread(app::close, "latentwire-shutdown");
    Runtime.getRuntime().addShutdownHook(hook);
    app.awaitStopped();
    if (app.failure() != null) {
      app.close();
      throw new CliException(
          s.label() + " app stopped: " + app.failure().getMessage(), app.failure());
    }
    return 0;
  }
}
