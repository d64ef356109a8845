package org.linli.handoff;

/**
 * Published just before a work order is locked for a change, inside the transaction. Listeners
 * that will write to the order's conversation lock it now, so that every path takes the
 * conversation's lock before the order's (a resident's message does the same), and the two
 * never wait for each other in a cycle.
 */
public record TicketChangeStarting(String number, String conversationId) {}
