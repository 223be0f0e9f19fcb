package p2pchat.registry.store;

import java.time.Instant;
import java.util.Objects;

/**
 * One request a client made, as the history keeps it.
 *
 * @param at when the registry answered it
 * @param key whose history it belongs to: an account name in lower case, {@code admin:NAME} for an
 *     operator, {@code @console} for the registry's own console
 * @param sessionId the connection it came on
 * @param request the request type, e.g. {@code Login}
 * @param arguments its fields, passwords never included, e.g. {@code name=alice}
 * @param outcome {@code ok}, or the error code and the sentence the client was sent
 */
public record HistoryRecord(
    Instant at, String key, long sessionId, String request, String arguments, String outcome) {
  public HistoryRecord {
    Objects.requireNonNull(at, "at");
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(request, "request");
    Objects.requireNonNull(arguments, "arguments");
    Objects.requireNonNull(outcome, "outcome");
  }
}
