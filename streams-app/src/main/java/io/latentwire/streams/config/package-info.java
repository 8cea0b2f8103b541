/** App configuration: latentwire's keys in a validated ConfigDef, Kafka keys passed through. */
package io.latentwire.streams.config;
