package io.latentwire.streams.models;

import io.latentwire.codec.model.ModelId;
import java.time.Instant;

/**
 * What a registry knows about one announced model id, for listings and reports.
 *
 * @param shortId the 16-hex-digit id prefix records carry
 * @param modelId the full id announced; null when the announcement named none that parses
 * @param status {@link Resolution.Status#READY} for a usable model (its codec may not be open yet),
 *     {@link Resolution.Status#UNTRUSTED} for a refused one
 * @param signature how an accepted bundle was signed; null when refused
 * @param reason why it is refused; null when accepted
 * @param createdAt publication time, or null when refused before it could be read
 * @param description free text from the announcement, never null
 * @param partition the models topic partition it was read from
 * @param offset its offset there
 */
public record RegisteredModel(
    String shortId,
    ModelId modelId,
    Resolution.Status status,
    SignatureStatus signature,
    String reason,
    Instant createdAt,
    String description,
    int partition,
    long offset) {}
