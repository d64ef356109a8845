package org.linli.care;

import org.linli.privacy.ClearValues;
import org.springframework.stereotype.Component;

/** Extra-help notes stored in clear before V131. */
@Component
class CareNoteEncryption implements ClearValues {

  private final CareService care;

  CareNoteEncryption(CareService care) {
    this.care = care;
  }

  @Override
  public String name() {
    return "care_notes";
  }

  @Override
  public int seal() {
    return care.encryptLegacyNotes();
  }
}
