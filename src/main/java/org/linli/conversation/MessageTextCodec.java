package org.linli.conversation;

import java.sql.ResultSet;
import java.sql.SQLException;
import org.linli.privacy.PersonalData;

/**
 * A message's text at rest (V131): written only to {@code text_enc}, encrypted with the data key;
 * read from {@code text_enc}, or from the plain {@code text} of a row written before V131 (until
 * {@link MessageEncryption} has sealed it) or emptied by the retention job. Kept apart from the
 * store's SQL so that the store only names the column.
 */
final class MessageTextCodec {

  /** The column a new message's text goes into. */
  static final String COLUMN = "text_enc";

  private final PersonalData personalData;

  MessageTextCodec(PersonalData personalData) {
    this.personalData = personalData;
  }

  /** The value to store in {@link #COLUMN}. */
  String seal(String text) {
    return personalData.encrypt(text == null ? "" : text);
  }

  /** The text of the current row of a query that selected {@code text} and {@code text_enc}. */
  String read(ResultSet rs) throws SQLException {
    return personalData.read(rs.getString("text_enc"), rs.getString("text"));
  }
}
