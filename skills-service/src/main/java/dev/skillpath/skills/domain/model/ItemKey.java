package dev.skillpath.skills.domain.model;

import java.util.UUID;

/** A question version: item parameters belong to it, since a new version may be easier or harder. */
public record ItemKey(UUID questionId, int version) {
}
