package org.linli.handoff;

import java.time.Duration;
import java.time.Instant;

/**
 * Where a resident's handed-over conversation stands, for the words the resident is told.
 *
 * @param claimed a person has it: the assistant stays silent
 * @param position place in the department's queue (1 = next), when unclaimed
 * @param expectedWait the expected wait, when unclaimed and staffed now
 * @param callbackFrom when unclaimed outside staffed hours: when staff are back to call
 * @param priorityCallback the resident needs extra help: staff call them back first, instead of
 *     leaving them to wait in the queue
 */
public record QueueInfo(
    String number,
    boolean claimed,
    int position,
    Duration expectedWait,
    Instant callbackFrom,
    boolean priorityCallback) {

  public boolean staffedNow() {
    return callbackFrom == null;
  }

  /** The expected wait in whole minutes, rounded up and at least 1; null when not waiting in staffed hours. */
  public Integer expectedWaitMinutes() {
    if (claimed || expectedWait == null) {
      return null;
    }
    long seconds = expectedWait.toSeconds();
    return (int) Math.max(1, (seconds + 59) / 60);
  }
}
