package org.linli.dialog.nlu;

import java.util.Objects;

/**
 * Something concrete the resident mentioned.
 *
 * @param type what kind of thing it is
 * @param text the mention as it stands in the normalised (and, for ID and bank cards, masked)
 *     message
 * @param start offset of the mention in the normalised message (inclusive); masking keeps lengths,
 *     so the span is the same in the masked message
 * @param end offset of the mention's end (exclusive)
 * @param value a canonical form: digits only for phones, tickets and cards (ID and bank cards
 *     masked, keeping the last four), the mention itself for addresses and dates
 */
public record Entity(Type type, String text, int start, int end, String value) {

  /** The kinds of entity the dialogue uses. */
  public enum Type {
    /** A mobile (11 digits, 1[3-9]...) or a landline with its area code. */
    PHONE,
    /** A PRC resident ID-card number (18 characters with a valid check digit, or 15 digits). */
    ID_CARD,
    /** A bank-card number (16 to 19 digits passing the Luhn check). */
    BANK_CARD,
    /** A place: estate, building, unit, room, or road and number. */
    ADDRESS,
    /** A date, a time, or both ("明天上午", "3月5日", "下午3点", "tomorrow at 9am"). */
    DATE_TIME,
    /** A six-digit work-order number. */
    TICKET
  }

  public Entity {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(text, "text");
    Objects.requireNonNull(value, "value");
    if (start < 0 || end < start) {
      throw new IllegalArgumentException("bad span " + start + ".." + end);
    }
  }

  /** True when this entity carries personal data that must never be stored or logged in clear. */
  public boolean isSensitive() {
    return type == Type.ID_CARD || type == Type.BANK_CARD;
  }
}
