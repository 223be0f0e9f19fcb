package p2pchat.bench.load;

import java.util.concurrent.atomic.LongAdder;

/** Counters shared by every session of one load client. */
public final class LoadStats {
  /** Connections the registry closed while the run still needed them. */
  public final LongAdder drops = new LongAdder();

  /** SessionEnded messages received (timed out, replaced, shut down). */
  public final LongAdder sessionsEnded = new LongAdder();

  /** Failure answers received. */
  public final LongAdder failures = new LongAdder();

  /**
   * Answers that do not fit the request they answer: another request id than the oldest in flight,
   * another user than the one looked up, or an answer with nothing in flight.
   */
  public final LongAdder wrongAnswers = new LongAdder();

  /** Heartbeat pings sent (also makes their nonces distinct). */
  public final LongAdder pings = new LongAdder();

  /** The last problem seen, for the report. */
  public volatile String lastProblem = "";
}
