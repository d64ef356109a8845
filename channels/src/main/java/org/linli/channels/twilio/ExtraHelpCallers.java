package org.linli.channels.twilio;

/**
 * Hook for residents marked, with consent, as needing extra help (aged 80+, living alone, visually
 * impaired, ...): their calls skip the menu and go straight to a person, as carriers' hotlines do
 * for older callers. The marking belongs to the work-order and resident data of the handoff issue;
 * until the application provides a bean, nobody is marked ({@link #NOBODY}).
 */
@FunctionalInterface
public interface ExtraHelpCallers {

  /** Nobody skips the menu: the default until the application knows who needs extra help. */
  ExtraHelpCallers NOBODY = callerNumber -> false;

  /** True when a call from this number should go straight to a person. */
  boolean goStraightToPerson(String callerNumber);
}
