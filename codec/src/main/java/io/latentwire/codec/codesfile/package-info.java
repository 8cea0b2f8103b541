/** The {@code .lwc} codes file: what offline encode writes and offline decode reads. */
package io.latentwire.codec.codesfile;
