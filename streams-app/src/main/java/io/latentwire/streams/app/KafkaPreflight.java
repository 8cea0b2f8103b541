package io.latentwire.streams.app;

import io.latentwire.streams.config.LatentwireConfig;
import io.latentwire.streams.errors.LatentwireStreamsException;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.config.SaslConfigs;
import org.apache.kafka.common.errors.AuthenticationException;

/**
 * The start-up check of an app: connect to Kafka with the app's own client settings (security
 * included) and ask for the cluster id, before any model is loaded or stream thread started.
 *
 * <p>Why: a Kafka Streams app with a wrong password or the wrong security protocol does not stop;
 * its threads log and retry, readiness stays 503 and nothing says why. An operator should instead
 * see, within seconds, one line naming the cause. An authentication failure is reported at once
 * (Kafka does not retry it); an unreachable cluster after the check's timeout.
 */
final class KafkaPreflight {
  private KafkaPreflight() {}

  /**
   * Checks that the cluster answers {@code describeCluster} with these settings.
   *
   * @param adminConfig Admin client settings derived from the app config (bootstrap, security)
   * @param timeout how long to try; zero skips the check
   * @param what names the app in the message, e.g. {@code encode app}
   * @throws LatentwireStreamsException naming the bootstrap servers and the cause: authentication
   *     refused, or no answer within {@code timeout}
   */
  static void check(Map<String, Object> adminConfig, Duration timeout, String what) {
    if (timeout.isZero()) {
      return;
    }
    Map<String, Object> c = new HashMap<>(adminConfig);
    int millis = (int) Math.min(Integer.MAX_VALUE, timeout.toMillis());
    c.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, millis);
    c.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, millis);
    Object bootstrap = c.get(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG);
    Admin admin = Admin.create(c);
    try {
      admin.describeCluster().clusterId().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof org.apache.kafka.common.errors.TimeoutException) {
        throw unreachable(what, bootstrap, timeout, c, cause);
      }
      if (cause instanceof AuthenticationException) {
        throw new LatentwireStreamsException(
            what
                + ": authentication to Kafka at "
                + bootstrap
                + " failed ("
                + securityDescription(c)
                + "): "
                + cause.getMessage()
                + ". Check sasl.jaas.config (user, password) and the ssl.* settings.",
            cause);
      }
      throw new LatentwireStreamsException(
          what
              + ": cannot use Kafka at "
              + bootstrap
              + " ("
              + securityDescription(c)
              + "): "
              + cause.getClass().getSimpleName()
              + ": "
              + cause.getMessage(),
          cause);
    } catch (TimeoutException e) {
      throw unreachable(what, bootstrap, timeout, c, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new LatentwireStreamsException(what + ": interrupted while checking Kafka", e);
    } finally {
      // Do not wait for a request still retrying after a timeout.
      admin.close(Duration.ZERO);
    }
  }

  private static LatentwireStreamsException unreachable(
      String what, Object bootstrap, Duration timeout, Map<String, Object> c, Throwable cause) {
    return new LatentwireStreamsException(
        what
            + ": no Kafka broker at "
            + bootstrap
            + " answered within "
            + timeout.toMillis()
            + " ms ("
            + securityDescription(c)
            + "). Check bootstrap.servers and that security.protocol matches the listener; "
            + LatentwireConfig.STARTUP_CHECK_TIMEOUT_CONFIG
            + " sets this wait.",
        cause);
  }

  private static String securityDescription(Map<String, Object> c) {
    Object protocol =
        c.getOrDefault(
            CommonClientConfigs.SECURITY_PROTOCOL_CONFIG,
            CommonClientConfigs.DEFAULT_SECURITY_PROTOCOL);
    if (!protocol.toString().startsWith("SASL")) {
      return "security.protocol=" + protocol;
    }
    Object mechanism = c.get(SaslConfigs.SASL_MECHANISM);
    return "security.protocol="
        + protocol
        + ", sasl.mechanism="
        + (mechanism == null ? SaslConfigs.DEFAULT_SASL_MECHANISM + " (default)" : mechanism);
  }
}
