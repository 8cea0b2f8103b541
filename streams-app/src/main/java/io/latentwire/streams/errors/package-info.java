/** The streams app's root exception and its subclasses. */
package io.latentwire.streams.errors;
