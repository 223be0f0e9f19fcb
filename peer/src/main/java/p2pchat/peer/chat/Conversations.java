package p2pchat.peer.chat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import p2pchat.peer.NodeEvent;
import p2pchat.peer.NodeEvent.Code;
import p2pchat.peer.chat.Conversation.Outgoing;
import p2pchat.peer.chat.Conversation.State;
import p2pchat.peer.net.LinkPool;
import p2pchat.peer.net.PeerLink;
import p2pchat.protocol.Limits;
import p2pchat.protocol.message.PeerMessage.ChatAccept;
import p2pchat.protocol.message.PeerMessage.ChatClose;
import p2pchat.protocol.message.PeerMessage.ChatDecline;
import p2pchat.protocol.message.PeerMessage.ChatMessage;
import p2pchat.protocol.message.PeerMessage.ChatRequest;
import p2pchat.protocol.message.PeerMessage.ChatText;

/**
 * The 1:1 conversations of a node: requests, answers, messages and closes, in both directions. A
 * conversation outlives its connection: an idle or broken link is dialed again on the next message.
 * With users for whom {@code openByDefault} holds (friends of a serverless node, who agreed by
 * being in each other's table) a conversation is open without asking: a message opens it, and a
 * request is accepted at once. Every method runs on the node's actor thread (dialing completes back
 * on it) but {@link #submit}, which any thread may call to send a text: in an open, connected
 * conversation the text goes straight to the link from the caller's thread, without waiting for the
 * actor.
 */
public final class Conversations {
  private static final Logger LOG = LoggerFactory.getLogger(Conversations.class);

  /**
   * The reason of the {@code ChatDecline} that answers a text outside any conversation here: it
   * tells the sender which of its texts was refused (a {@code ChatClose} follows, for peers that do
   * not know this reason).
   */
  public static final String NO_CONVERSATION = "no conversation";

  private final String myName;
  private final LinkPool links;
  private final Predicate<String> openByDefault;
  private final Consumer<NodeEvent> events;

  /** Written on the actor thread only; read by {@link #submit} on any thread. */
  private final Map<String, Conversation> byName = new ConcurrentSkipListMap<>();

  /**
   * The conversation with each user that ended last: texts written in it may still be refused by
   * the other side after it ended here. Actor thread only.
   */
  private final Map<String, Conversation> ended = new HashMap<>();

  /**
   * Per link, the {@code ChatClose}s still to come that follow refusals (already dealt with) and
   * must not close a newer conversation. Actor thread only.
   */
  private final Map<PeerLink, Integer> closesOfRefusals = new HashMap<>();

  /** The last message id given, to a text written or received. */
  private final AtomicLong ids = new AtomicLong();

  /** Commands handed to the actor ({@link #later}) that it has not run yet. */
  private final AtomicInteger queued = new AtomicInteger();

  /**
   * Conversations of {@code myName}, with links from {@code links}, reporting to {@code events};
   * open without a request with the users {@code openByDefault} accepts.
   */
  public Conversations(
      String myName, LinkPool links, Predicate<String> openByDefault, Consumer<NodeEvent> events) {
    this.myName = myName;
    this.links = links;
    this.openByDefault = openByDefault;
    this.events = events;
  }

  /** Asks {@code name} to chat. */
  public void request(String name) {
    if (key(name).equals(key(myName))) {
      events.accept(new NodeEvent.Failed(Code.SELF_CHAT, "you cannot chat with yourself"));
      return;
    }
    Conversation c = byName.get(key(name));
    if (c != null) {
      switch (c.state) {
        case OPEN ->
            events.accept(
                new NodeEvent.Failed(
                    Code.ALREADY_CHATTING, "you are already chatting with " + c.name));
        case REQUESTED_BY_ME ->
            events.accept(
                new NodeEvent.Failed(
                    Code.REQUEST_PENDING,
                    "your request to " + c.name + " is still waiting for an answer"));
        case REQUESTED_BY_THEM -> accept(name);
      }
      return;
    }
    Conversation created = new Conversation(name, State.REQUESTED_BY_ME, events);
    byName.put(key(name), created);
    withLink(
        created,
        link -> {
          link.send(new ChatRequest());
          events.accept(new NodeEvent.ChatRequestSent(link.peerName()));
        });
  }

  /** Accepts {@code name}'s request. */
  public void accept(String name) {
    Conversation c = byName.get(key(name));
    if (c == null || c.state != State.REQUESTED_BY_THEM) {
      events.accept(new NodeEvent.Failed(Code.NOT_ASKED, name + " has not asked to chat with you"));
      return;
    }
    c.state = State.OPEN;
    withLink(
        c,
        link -> {
          link.send(new ChatAccept());
          events.accept(new NodeEvent.ConversationOpened(c.name, false));
          flush(c, link);
        });
  }

  /** Declines {@code name}'s request. */
  public void decline(String name) {
    Conversation c = byName.get(key(name));
    if (c == null || c.state != State.REQUESTED_BY_THEM) {
      events.accept(new NodeEvent.Failed(Code.NOT_ASKED, name + " has not asked to chat with you"));
      return;
    }
    byName.remove(key(name));
    withLink(c, link -> link.send(new ChatDecline("declined")));
    events.accept(
        new NodeEvent.Notice(Code.REQUEST_DECLINED, "declined " + c.name + "'s chat request"));
  }

  /**
   * Sends {@code text} to {@code name} from any thread. In an open conversation with a live link,
   * and with no text handed to {@code actor} still waiting there, it goes straight onto the link
   * from this thread; otherwise {@code actor} runs {@link #send}. Texts from one thread go out in
   * the order given either way, and after the thread's earlier {@link #later} commands: while any
   * command waits for the actor, texts take the actor too, and the actor opens the direct way only
   * when the outbox is empty. Returns the id the text's events carry.
   */
  public long submit(String name, String text, Executor actor) {
    Outgoing out = new Outgoing(ids.incrementAndGet(), text);
    // A text that may be over the limit takes the actor, which refuses it with the sentence.
    boolean small = (long) text.length() * 3 <= Limits.MAX_CHAT_TEXT_BYTES;
    if (small && queued.get() == 0) {
      Conversation c = byName.get(key(name));
      if (c != null && c.sendDirect(out)) {
        return out.id();
      }
    }
    later(actor, () -> send(name, out));
    return out.id();
  }

  /**
   * Runs {@code command} (one of this class's methods) on {@code actor}, from any thread; texts
   * submitted after it wait for it, so that a close or an accept and then a text apply in that
   * order.
   */
  public void later(Executor actor, Runnable command) {
    queued.incrementAndGet();
    actor.execute(
        () -> {
          try {
            command.run();
          } finally {
            queued.decrementAndGet();
          }
        });
  }

  /**
   * Sends {@code text} to {@code name}: at once in an open conversation; otherwise after asking to
   * chat, delivered once they accept and dropped with a notice if they decline. Returns the id the
   * text's events carry.
   */
  public long send(String name, String text) {
    Outgoing out = new Outgoing(ids.incrementAndGet(), text);
    send(name, out);
    return out.id();
  }

  private void send(String name, Outgoing out) {
    String text = out.text();
    int bytes = text.getBytes(StandardCharsets.UTF_8).length;
    if (bytes > Limits.MAX_CHAT_TEXT_BYTES) {
      events.accept(
          new NodeEvent.Failed(
              Code.TOO_LONG,
              "message not sent: it is "
                  + bytes
                  + " bytes, the limit is "
                  + Limits.MAX_CHAT_TEXT_BYTES));
      return;
    }
    Conversation c = byName.get(key(name));
    if (c == null && openByDefault.test(name) && !key(name).equals(key(myName))) {
      c = new Conversation(name, State.OPEN, events);
      byName.put(key(name), c);
    }
    if (c == null) {
      request(name);
      c = byName.get(key(name));
      if (c != null) {
        c.outbox.add(out);
      }
      return;
    }
    switch (c.state) {
      case REQUESTED_BY_ME -> c.outbox.add(out);
      case REQUESTED_BY_THEM -> {
        c.outbox.add(out);
        accept(name);
      }
      case OPEN -> {
        Conversation open = c;
        open.outbox.add(out);
        withLink(open, link -> flush(open, link));
      }
    }
  }

  /** Ends the conversation with {@code name}; they are told. */
  public void close(String name) {
    Conversation c = byName.remove(key(name));
    if (c == null) {
      events.accept(
          new NodeEvent.Failed(Code.NO_CONVERSATION, "you have no conversation with " + name));
      return;
    }
    c.direct(null); // before ChatClose goes: nothing may follow it
    ended.put(key(name), c);
    dropOutbox(c, "you closed the conversation");
    withLink(c, link -> link.send(new ChatClose()));
    events.accept(new NodeEvent.ConversationClosed(c.name, false));
  }

  /** The conversations, sorted by name. */
  public List<ConversationInfo> list() {
    List<ConversationInfo> out = new ArrayList<>();
    for (Conversation c : byName.values()) {
      ConversationInfo.State state =
          switch (c.state) {
            case OPEN -> ConversationInfo.State.OPEN;
            case REQUESTED_BY_ME -> ConversationInfo.State.ASKED_BY_YOU;
            case REQUESTED_BY_THEM -> ConversationInfo.State.ASKED_BY_THEM;
          };
      boolean connected = c.state == State.OPEN && c.linked();
      out.add(
          new ConversationInfo(
              c.name,
              state,
              connected,
              connected ? Optional.ofNullable(c.link.remoteAddress()) : Optional.empty()));
    }
    return out;
  }

  /** A verified link came up: it serves that user's conversation if it has none. */
  public void linkUp(PeerLink link) {
    Conversation c = byName.get(key(link.peerName()));
    if (c != null && !c.linked()) {
      c.link = link;
      settle(c);
    }
  }

  /** A link closed: the conversation stays, and dials again when it next needs to. */
  public void linkDown(PeerLink link) {
    closesOfRefusals.remove(link);
    Conversation c = byName.get(key(link.peerName()));
    if (c != null && c.link == link) {
      c.link = null;
      c.direct(null);
    }
  }

  /** A chat message arrived from {@code link}'s user. */
  public void received(PeerLink link, ChatMessage message) {
    String name = link.peerName();
    Conversation c = byName.get(key(name));
    if (c == null
        && openByDefault.test(name)
        && (message instanceof ChatRequest || message instanceof ChatText)) {
      c = new Conversation(name, State.OPEN, events);
      c.link = link;
      byName.put(key(name), c);
      if (message instanceof ChatRequest) {
        link.send(new ChatAccept());
        events.accept(new NodeEvent.ConversationOpened(c.name, false));
        return;
      }
    }
    switch (message) {
      case ChatRequest r -> {
        if (c == null) {
          c = new Conversation(name, State.REQUESTED_BY_THEM, events);
          c.link = link;
          byName.put(key(name), c);
          events.accept(new NodeEvent.ChatRequested(name));
        } else if (c.state == State.REQUESTED_BY_ME) {
          // Both asked at once: that is agreement.
          c.state = State.OPEN;
          c.link = link;
          link.send(new ChatAccept());
          events.accept(new NodeEvent.ConversationOpened(c.name, true));
          flush(c, link);
        } else if (c.state == State.OPEN) {
          link.send(
              new ChatAccept()); // they lost the conversation (e.g. restarted) and asked again
        }
      }
      case ChatAccept a -> {
        if (c != null && c.state == State.REQUESTED_BY_ME) {
          c.state = State.OPEN;
          events.accept(new NodeEvent.ConversationOpened(c.name, true));
          flush(c, c.linked() ? c.link : link);
        }
      }
      case ChatDecline d when d.reason().equals(NO_CONVERSATION) -> refused(link, c);
      case ChatDecline d -> {
        if (c != null && c.state == State.REQUESTED_BY_ME) {
          byName.remove(key(name));
          c.direct(null);
          events.accept(new NodeEvent.ChatDeclined(c.name, d.reason()));
          dropOutbox(c, name + " declined the chat request");
        }
      }
      case ChatText t -> {
        if (c != null && c.state == State.OPEN) {
          events.accept(
              new NodeEvent.MessageReceived(
                  ids.incrementAndGet(), c.name, t.text(), Instant.ofEpochMilli(t.sentAtMillis())));
        } else {
          // No conversation here: say which text was refused, then that it is closed.
          link.send(new ChatDecline(NO_CONVERSATION));
          link.send(new ChatClose());
        }
        if (c != null) {
          settle(c);
        }
      }
      case ChatClose x -> {
        Integer toSkip = closesOfRefusals.remove(link);
        if (toSkip != null) {
          if (toSkip > 1) {
            closesOfRefusals.put(link, toSkip - 1);
          }
          return; // follows a refusal, dealt with already
        }
        if (c != null) {
          byName.remove(key(name));
          ended.put(key(name), c);
          c.direct(null);
          dropOutbox(c, name + " closed the conversation");
          events.accept(new NodeEvent.ConversationClosed(c.name, true));
        }
      }
    }
  }

  /**
   * {@code link}'s user refused a text of ours because it has no conversation with us: it was
   * closed there, or that side restarted. The text is reported as not delivered, and the
   * conversation, if still open here, ends.
   */
  private void refused(PeerLink link, Conversation c) {
    closesOfRefusals.merge(link, 1, Integer::sum);
    String name = link.peerName();
    Conversation writer = c != null && c.wroteOn(link) ? c : ended.get(key(name));
    if (writer == null || !writer.wroteOn(link)) {
      LOG.debug("{} refused a text of ours that is not remembered any more", link);
      return;
    }
    if (writer == c) {
      byName.remove(key(name));
      ended.put(key(name), c);
      c.direct(null);
      dropOutbox(c, name + " no longer has this conversation");
      events.accept(new NodeEvent.ConversationClosed(c.name, true));
    }
    writer
        .refused(link)
        .ifPresent(
            text ->
                events.accept(
                    new NodeEvent.MessageDropped(
                        text.id(),
                        writer.name,
                        text.text(),
                        name
                            + " had no conversation with you when it arrived (closed there, or "
                            + name
                            + " restarted); send it again to ask to chat anew")));
  }

  private void flush(Conversation c, PeerLink link) {
    if (c.state != State.OPEN) {
      return;
    }
    Outgoing text;
    while ((text = c.outbox.poll()) != null) {
      c.sendText(link, text);
    }
    settle(c);
  }

  /**
   * Opens the way straight from callers' threads to {@code c}'s link when it is open, connected and
   * has nothing waiting, and shuts it otherwise. Called whenever one of those may have changed for
   * the better; what changes them for the worse shuts the way first itself.
   */
  private void settle(Conversation c) {
    boolean direct =
        c.state == State.OPEN && c.linked() && c.outbox.isEmpty() && byName.get(key(c.name)) == c;
    c.direct(direct ? c.link : null);
  }

  private void dropOutbox(Conversation c, String why) {
    Outgoing text;
    while ((text = c.outbox.poll()) != null) {
      events.accept(new NodeEvent.MessageDropped(text.id(), c.name, text.text(), why));
    }
  }

  /** Runs {@code action} with a live link to the conversation's user, dialing if needed. */
  private void withLink(Conversation c, Consumer<PeerLink> action) {
    if (c.linked()) {
      action.accept(c.link);
      return;
    }
    c.waiting.add(action);
    if (c.dialing) {
      return;
    }
    c.dialing = true;
    links.withLink(
        c.name,
        link -> {
          c.dialing = false;
          List<Consumer<PeerLink>> actions = new ArrayList<>(c.waiting);
          c.waiting.clear();
          c.link = link;
          actions.forEach(a -> a.accept(link));
        },
        why -> {
          c.dialing = false;
          c.waiting.clear();
          events.accept(new NodeEvent.Failed(Code.UNREACHABLE, why));
          if (c.state == State.REQUESTED_BY_ME && byName.get(key(c.name)) == c) {
            byName.remove(key(c.name));
          }
          dropOutbox(c, why);
        });
  }

  private static String key(String name) {
    return name.toLowerCase(Locale.ROOT);
  }
}
