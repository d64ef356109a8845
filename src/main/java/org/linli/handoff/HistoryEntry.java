package org.linli.handoff;

import java.time.Instant;

/** One line of a work order's append-only history. */
public record HistoryEntry(Instant at, String actor, String type, String detail) {}
