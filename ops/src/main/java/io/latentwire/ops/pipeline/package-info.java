/** Running the whole pipeline on the embedded stack: shared by the demo and integration tests. */
package io.latentwire.ops.pipeline;
