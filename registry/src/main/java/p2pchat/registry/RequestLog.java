package p2pchat.registry;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One line per request the registry handles: session, user, request and outcome (the time comes
 * from the log pattern). Requests print through their {@code toString}, which masks passwords.
 */
final class RequestLog {
  private static final Logger LOG = LoggerFactory.getLogger("p2pchat.registry.requests");

  private RequestLog() {}

  static void ok(String session, String user, Object request) {
    LOG.info("session={} user={} request={} outcome=ok", session, user, request);
  }

  static void failed(String session, String user, Object request, RequestFailedException e) {
    LOG.info(
        "session={} user={} request={} outcome={} ({})",
        session,
        user,
        request,
        e.code(),
        e.getMessage());
  }

  static void protocolError(String session, String user, String remote, String violation) {
    LOG.info(
        "session={} user={} request=<malformed from {}> outcome=PROTOCOL_ERROR ({})",
        session,
        user,
        remote,
        violation);
  }
}
