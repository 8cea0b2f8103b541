/** Per-feature normalization: fitted on training data, stored in the bundle, inverted on decode. */
package io.latentwire.codec.normalize;
