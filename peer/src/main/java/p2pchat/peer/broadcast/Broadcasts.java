package p2pchat.peer.broadcast;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.security.SignatureException;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import p2pchat.peer.NodeEvent;
import p2pchat.peer.NodeEvent.Code;
import p2pchat.peer.net.LinkException;
import p2pchat.peer.net.LinkPool;
import p2pchat.peer.net.PeerLink;
import p2pchat.peer.profile.Contacts;
import p2pchat.peer.rendezvous.PeerDirectory;
import p2pchat.protocol.Limits;
import p2pchat.protocol.identity.Identity;
import p2pchat.protocol.identity.PeerId;
import p2pchat.protocol.message.BroadcastSignature;
import p2pchat.protocol.message.PeerMessage.Broadcast;

/**
 * Broadcasts: a text signed with this user's key, delivered over direct links to each online peer;
 * and received ones, shown once per (sender, id) and only when signed within {@link #FRESHNESS} of
 * this computer's clock, with a good signature made by a key that is the sender's: the one pinned
 * for that contact, or else one the directory (registry or friends table) vouches for. Anything
 * else is a warning, never shown as the sender's words. Runs on the node's actor thread.
 */
public final class Broadcasts {
  private static final Logger LOG = LoggerFactory.getLogger(Broadcasts.class);

  /**
   * How far a broadcast's signed time may be from this computer's clock, either way: a genuine
   * broadcast recorded and replayed later than this is refused, and one inside it is caught as a
   * repeat, since every (sender, id) shown is remembered for longer than a fresh one can arrive.
   */
  public static final Duration FRESHNESS = Duration.ofMinutes(5);

  /**
   * How long a shown (sender, id) is remembered: a broadcast shown at time A was signed no earlier
   * than A - FRESHNESS, so a copy of it is fresh only until A + 2 FRESHNESS at the latest.
   */
  private static final long REMEMBER_MILLIS = 2 * FRESHNESS.toMillis() + 1;

  /**
   * Most (sender, id) pairs remembered, whatever their age, so that a flood cannot exhaust memory;
   * past it the oldest are forgotten early (a replay of one of those, within its freshness, would
   * show again).
   */
  private static final int MAX_REMEMBERED = 100_000;

  private final Identity identity;
  private final String myName;
  private final LinkPool links;
  private final PeerDirectory directory;
  private final Contacts contacts;
  private final Executor actor;
  private final Consumer<NodeEvent> events;
  private final SecureRandom random = new SecureRandom();
  private final Set<Broadcast> checking = new HashSet<>();

  /** The (sender, id) pairs shown, with when, oldest first. */
  private final Map<String, Long> shown = new LinkedHashMap<>();

  /** Broadcasts of {@code myName}, signed by {@code identity}. */
  public Broadcasts(
      Identity identity,
      String myName,
      LinkPool links,
      PeerDirectory directory,
      Contacts contacts,
      Executor actor,
      Consumer<NodeEvent> events) {
    this.identity = identity;
    this.myName = myName;
    this.links = links;
    this.directory = directory;
    this.contacts = contacts;
    this.actor = actor;
    this.events = events;
  }

  /** Signs {@code text} and sends it to each of {@code recipients} (dialing as needed). */
  public void send(String text, List<String> recipients) {
    int bytes = text.getBytes(StandardCharsets.UTF_8).length;
    if (bytes > Limits.MAX_CHAT_TEXT_BYTES) {
      events.accept(
          new NodeEvent.Failed(
              Code.TOO_LONG,
              "broadcast not sent: it is "
                  + bytes
                  + " bytes, the limit is "
                  + Limits.MAX_CHAT_TEXT_BYTES));
      return;
    }
    List<String> others = recipients.stream().filter(n -> !key(n).equals(key(myName))).toList();
    if (others.isEmpty()) {
      events.accept(
          new NodeEvent.Failed(Code.NOBODY_ONLINE, "nobody else is online to hear a broadcast"));
      return;
    }
    Broadcast broadcast =
        BroadcastSignature.sign(
            identity, myName, random.nextLong(), System.currentTimeMillis(), text);
    for (String name : others) {
      links.withLink(
          name,
          link -> link.send(broadcast),
          why ->
              events.accept(
                  new NodeEvent.Failed(
                      Code.NOT_DELIVERED, "broadcast not delivered to " + name + ": " + why)));
    }
    events.accept(
        new NodeEvent.Notice(
            Code.BROADCAST_SENT,
            "broadcast sent to "
                + others.size()
                + (others.size() == 1 ? " peer: " : " peers: ")
                + String.join(", ", others)));
  }

  /** A broadcast arrived over {@code link}: shown if genuine and new, else dropped or flagged. */
  public void received(PeerLink link, Broadcast broadcast) {
    long now = System.currentTimeMillis();
    forgetBefore(now - REMEMBER_MILLIS);
    String id = key(broadcast.sender()) + "/" + broadcast.broadcastId();
    if (shown.containsKey(id) || key(broadcast.sender()).equals(key(myName))) {
      return;
    }
    if (Math.abs(now - broadcast.sentAtMillis()) > FRESHNESS.toMillis()) {
      stale(link, broadcast, now);
      return;
    }
    if (!checking.add(broadcast)) {
      return; // the same copy is being checked already
    }
    PeerId signer;
    try {
      signer = BroadcastSignature.verify(broadcast);
    } catch (SignatureException e) {
      checking.remove(broadcast);
      refuse(link, broadcast, e.getMessage());
      return;
    }
    if (key(link.peerName()).equals(key(broadcast.sender())) && link.peerId().equals(signer)) {
      show(broadcast); // straight from the sender, over a link whose identity was checked
      return;
    }
    Optional<PeerId> pinned = contacts.pinned(broadcast.sender());
    if (pinned.isPresent()) {
      if (pinned.get().equals(signer)) {
        show(broadcast);
      } else {
        checking.remove(broadcast);
        refuse(
            link,
            broadcast,
            "it was signed by PeerId "
                + signer
                + ", but "
                + broadcast.sender()
                + "'s pinned PeerId is "
                + pinned.get());
      }
      return;
    }
    Thread.ofVirtual()
        .name("broadcast-check")
        .start(
            () -> {
              String problem;
              try {
                directory.check(broadcast.sender(), signer);
                problem = null;
              } catch (LinkException e) {
                problem = e.getMessage();
              }
              String verdict = problem;
              actor.execute(
                  () -> {
                    if (verdict == null) {
                      show(broadcast);
                    } else {
                      checking.remove(broadcast);
                      refuse(link, broadcast, verdict);
                    }
                  });
            });
  }

  private void show(Broadcast broadcast) {
    checking.remove(broadcast);
    String id = key(broadcast.sender()) + "/" + broadcast.broadcastId();
    if (shown.putIfAbsent(id, System.currentTimeMillis()) != null) {
      return;
    }
    events.accept(
        new NodeEvent.BroadcastReceived(
            broadcast.sender(), broadcast.text(), Instant.ofEpochMilli(broadcast.sentAtMillis())));
  }

  /** Drops what was shown before {@code millis}: a copy of it could not be fresh any more. */
  private void forgetBefore(long millis) {
    Iterator<Long> shownAt = shown.values().iterator();
    while (shownAt.hasNext() && (shownAt.next() < millis || shown.size() > MAX_REMEMBERED)) {
      shownAt.remove();
    }
  }

  private void stale(PeerLink link, Broadcast broadcast, long now) {
    long minutes = Math.round(Math.abs(now - broadcast.sentAtMillis()) / 60_000.0);
    String when =
        broadcast.sentAtMillis() < now
            ? minutes + " minutes before this computer's clock"
            : minutes + " minutes after this computer's clock";
    LOG.info(
        "refused a broadcast in {}'s name from {}: signed at {}, {}",
        broadcast.sender(),
        link,
        broadcast.sentAtMillis(),
        when);
    events.accept(
        new NodeEvent.Warning(
            Code.STALE_BROADCAST,
            "a broadcast in "
                + broadcast.sender()
                + "'s name (passed on by "
                + link.peerName()
                + ") was not shown: it was signed "
                + when
                + ", and only those within "
                + FRESHNESS.toMinutes()
                + " minutes are (an old broadcast sent again, or a clock that is wrong)"));
  }

  private void refuse(PeerLink link, Broadcast broadcast, String why) {
    LOG.info("refused a broadcast in {}'s name from {}: {}", broadcast.sender(), link, why);
    events.accept(
        new NodeEvent.Warning(
            Code.FORGED_BROADCAST,
            "a broadcast claiming to be from "
                + broadcast.sender()
                + " (passed on by "
                + link.peerName()
                + ") is forged and was not shown: "
                + why));
  }

  private static String key(String name) {
    return name.toLowerCase(Locale.ROOT);
  }
}
