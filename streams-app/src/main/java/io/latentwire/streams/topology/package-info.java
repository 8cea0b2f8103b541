/** The encode and decode topologies, as pure builders (no lifecycle, no I/O). */
package io.latentwire.streams.topology;
