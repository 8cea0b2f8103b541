/**
 * The operations HTTP endpoint of an app: liveness and readiness probes for orchestrators, and the
 * Prometheus scrape of its metrics. Built on the JDK's {@code com.sun.net.httpserver}, bound to
 * loopback unless configured otherwise.
 */
package io.latentwire.streams.health;
