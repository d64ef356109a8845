package org.linli.handoff;

import java.time.Instant;

/**
 * A work order as staff and the resident's channel see it. The resident's contact is not here:
 * it is read through {@link HandoffService#contact}, which writes an audit record.
 *
 * @param number the short speakable case number (6 digits), also the id in the staff API
 * @param owner the accountable member of staff (user name) from the first claim to closure
 * @param transferTo the department the order is being transferred to, until it accepts
 */
public record WorkOrder(
    long id,
    String number,
    String category,
    int priority,
    String department,
    String summary,
    String location,
    String conversationId,
    String residentId,
    String channel,
    boolean hasContact,
    TicketStatus status,
    String owner,
    String ownerName,
    String transferTo,
    String transferReason,
    String resolution,
    Integer rating,
    String ratingComment,
    boolean supervisorReview,
    Instant createdAt,
    Instant claimedAt,
    Instant resolvedAt,
    Instant closedAt,
    Instant dueAt) {

  /** Past its deadline and not yet resolved. */
  public boolean overdue(Instant now) {
    return status.open() && dueAt.isBefore(now);
  }
}
