/**
 * Cross-site replication tests: two embedded clusters, MirrorMaker 2 run in-process with the
 * committed {@code ops/mirror/mm2.properties}, encoding at one site and decoding at the other, and
 * the bytes that cross.
 */
package io.latentwire.ops.mirror;
