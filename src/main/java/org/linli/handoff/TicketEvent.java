package org.linli.handoff;

/**
 * Published inside the transaction of every change of a work order, for the resident's channel
 * (notifications), the live consoles and the dashboards.
 *
 * @param type what happened: opened, claimed, message (staff to resident), resident_message,
 *     note, transferred, transfer_accepted, waiting, resolved, released, reopened, rated, closed,
 *     reassigned, sla_breached, unclaimed_alert
 * @param text the message or detail that goes with it (a staff reply, a resolution), or null
 */
public record TicketEvent(
    String number,
    String conversationId,
    String department,
    String type,
    TicketStatus status,
    String actor,
    String actorName,
    String text) {}
