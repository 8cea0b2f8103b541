/**
 * The model bundle ({@code .lwm}) and its manifest: the versioned, content-addressed unit that the
 * trainer writes and every encoder and decoder loads.
 */
package io.latentwire.codec.model;
