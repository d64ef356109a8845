package org.linli.dialog.nlu;

import java.util.List;
import java.util.Objects;
import org.linli.knowledge.Lang;

/**
 * What one message means.
 *
 * @param raw the message exactly as received; may contain personal numbers: never store or log it
 * @param normalized the message after {@link TextNormalizer}; entity spans refer to it
 * @param masked {@code normalized} with ID-card and bank-card numbers masked (and phones, if the
 *     {@link Nlu} was built to mask them): the form to store and log
 * @param lang the resident's language for this message
 * @param intent what the resident wants
 * @param entities what the resident mentioned, in order
 */
public record Understanding(
    String raw, String normalized, String masked, Lang lang, Intent intent, List<Entity> entities) {

  public Understanding {
    Objects.requireNonNull(raw, "raw");
    Objects.requireNonNull(normalized, "normalized");
    Objects.requireNonNull(masked, "masked");
    Objects.requireNonNull(lang, "lang");
    Objects.requireNonNull(intent, "intent");
    entities = List.copyOf(entities);
  }

  /** The first entity of a type, if any. */
  public java.util.Optional<Entity> first(Entity.Type type) {
    return entities.stream().filter(e -> e.type() == type).findFirst();
  }

  /** Shows only the masked text, so that logging an understanding never leaks a number. */
  @Override
  public String toString() {
    return "Understanding[masked="
        + masked
        + ", lang="
        + lang
        + ", intent="
        + intent.label()
        + String.format(java.util.Locale.ROOT, "(%.2f, %s)", intent.confidence(), intent.source())
        + ", entities="
        + entities.stream().map(e -> e.type() + ":" + e.value()).toList()
        + "]";
  }
}
