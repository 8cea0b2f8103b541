/**
 * App configuration: latentwire's keys in a validated ConfigDef, Kafka keys passed through, and the
 * generator of the config reference (docs/CONFIG.md).
 */
package io.latentwire.streams.config;
