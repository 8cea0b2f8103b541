/**
 * Demo data and scenarios: a deterministic generator of realistic multi-sensor telemetry ({@link
 * io.latentwire.ops.demo.TelemetryGenerator}) to feed the pipeline when no real data is at hand,
 * with the anomalies it injected known, so demos and tests can check how they survive compression.
 */
package io.latentwire.ops.demo;
