package org.linli.handoff;

/** One row of the routing table: the department owning a category, and its deadline, if set. */
public record RoutingRule(String category, String department, Integer slaHours) {}
