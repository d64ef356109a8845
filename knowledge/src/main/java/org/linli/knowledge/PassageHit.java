package org.linli.knowledge;

import java.time.LocalDate;

/**
 * One ranked passage.
 *
 * @param snippet the passage text with the matching terms marked (plain text, no HTML)
 * @param notYetEffective the document is returned with a note: it takes effect on {@code effective}
 */
public record PassageHit(
    String docId,
    String title,
    String heading,
    String text,
    String snippet,
    double score,
    String department,
    String category,
    Lang lang,
    String source,
    LocalDate effective,
    boolean notYetEffective) {}
