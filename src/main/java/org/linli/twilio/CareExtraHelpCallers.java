package org.linli.twilio;

import org.linli.care.CareService;
import org.linli.channels.twilio.ExtraHelpCallers;
import org.linli.resident.IdentityKind;
import org.linli.resident.ResidentDirectory;
import org.springframework.stereotype.Component;

/**
 * Callers whom staff marked, with recorded consent, as needing extra help skip the phone menu and
 * go straight to a person (found by the caller's number, through its keyed hash).
 */
@Component
class CareExtraHelpCallers implements ExtraHelpCallers {

  private final ResidentDirectory residents;
  private final CareService care;

  CareExtraHelpCallers(ResidentDirectory residents, CareService care) {
    this.residents = residents;
    this.care = care;
  }

  @Override
  public boolean goStraightToPerson(String callerNumber) {
    if (callerNumber == null || callerNumber.isBlank()) {
      return false;
    }
    return residents
        .find(IdentityKind.PHONE, callerNumber)
        .flatMap(care::support)
        .isPresent();
  }
}
