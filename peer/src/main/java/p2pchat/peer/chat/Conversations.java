package p2pchat.peer.chat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import p2pchat.peer.NodeEvent;
import p2pchat.peer.chat.Conversation.State;
import p2pchat.peer.direct.PeerLink;
import p2pchat.protocol.Limits;
import p2pchat.protocol.message.PeerMessage;
import p2pchat.protocol.message.PeerMessage.ChatAccept;
import p2pchat.protocol.message.PeerMessage.ChatClose;
import p2pchat.protocol.message.PeerMessage.ChatDecline;
import p2pchat.protocol.message.PeerMessage.ChatRequest;
import p2pchat.protocol.message.PeerMessage.ChatText;
import p2pchat.protocol.message.PeerMessage.Introduce;
import p2pchat.protocol.message.PeerMessage.Introduced;

/**
 * The 1:1 conversations of a node: requests, answers, messages and closes, in both directions. A
 * conversation outlives its connection: an idle or broken link is dialed again on the next message.
 * Every method runs on the node's actor thread; dialing completes back on it.
 */
public final class Conversations {
  private final String myName;
  private final Dialer dialer;
  private final Executor actor;
  private final Consumer<NodeEvent> events;
  private final Map<String, Conversation> byName = new TreeMap<>();
  private final Map<String, PeerLink> links = new TreeMap<>();

  /**
   * Conversations of {@code myName}, dialing through {@code dialer}, reporting to {@code events}.
   */
  public Conversations(String myName, Dialer dialer, Executor actor, Consumer<NodeEvent> events) {
    this.myName = myName;
    this.dialer = dialer;
    this.actor = actor;
    this.events = events;
  }

  /** Asks {@code name} to chat. */
  public void request(String name) {
    if (key(name).equals(key(myName))) {
      events.accept(new NodeEvent.Failed("you cannot chat with yourself"));
      return;
    }
    Conversation c = byName.get(key(name));
    if (c != null) {
      switch (c.state) {
        case OPEN -> events.accept(new NodeEvent.Failed("you are already chatting with " + c.name));
        case REQUESTED_BY_ME ->
            events.accept(
                new NodeEvent.Failed(
                    "your request to " + c.name + " is still waiting for an answer"));
        case REQUESTED_BY_THEM -> accept(name);
      }
      return;
    }
    Conversation created = new Conversation(name, State.REQUESTED_BY_ME);
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
      events.accept(new NodeEvent.Failed(name + " has not asked to chat with you"));
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
      events.accept(new NodeEvent.Failed(name + " has not asked to chat with you"));
      return;
    }
    byName.remove(key(name));
    withLink(c, link -> link.send(new ChatDecline("declined")));
    events.accept(new NodeEvent.Notice("declined " + c.name + "'s chat request"));
  }

  /**
   * Sends {@code text} to {@code name}: at once in an open conversation; otherwise after asking to
   * chat, delivered once they accept and dropped with a notice if they decline.
   */
  public void send(String name, String text) {
    int bytes = text.getBytes(StandardCharsets.UTF_8).length;
    if (bytes > Limits.MAX_CHAT_TEXT_BYTES) {
      events.accept(
          new NodeEvent.Failed(
              "message not sent: it is "
                  + bytes
                  + " bytes, the limit is "
                  + Limits.MAX_CHAT_TEXT_BYTES));
      return;
    }
    Conversation c = byName.get(key(name));
    if (c == null) {
      request(name);
      c = byName.get(key(name));
      if (c != null) {
        c.outbox.add(text);
      }
      return;
    }
    switch (c.state) {
      case REQUESTED_BY_ME -> c.outbox.add(text);
      case REQUESTED_BY_THEM -> {
        c.outbox.add(text);
        accept(name);
      }
      case OPEN -> {
        Conversation open = c;
        open.outbox.add(text);
        withLink(open, link -> flush(open, link));
      }
    }
  }

  /** Ends the conversation with {@code name}; they are told. */
  public void close(String name) {
    Conversation c = byName.remove(key(name));
    if (c == null) {
      events.accept(new NodeEvent.Failed("you have no conversation with " + name));
      return;
    }
    dropOutbox(c, "you closed the conversation");
    withLink(c, link -> link.send(new ChatClose()));
    events.accept(new NodeEvent.ConversationClosed(c.name, false));
  }

  /** The conversations, as "name (state)" lines, sorted by name. */
  public List<String> describe() {
    List<String> out = new ArrayList<>();
    for (Conversation c : byName.values()) {
      String state =
          switch (c.state) {
            case OPEN -> c.linked() ? "open, connected to " + hostPort(c.link) : "open, idle";
            case REQUESTED_BY_ME -> "waiting for them to accept";
            case REQUESTED_BY_THEM -> "asking you to chat";
          };
      out.add(c.name + " (" + state + ")");
    }
    return out;
  }

  /** A verified link came up: it serves that user's conversation if it has none. */
  public void linkUp(PeerLink link) {
    links.put(key(link.peerName()), link);
    Conversation c = byName.get(key(link.peerName()));
    if (c != null && !c.linked()) {
      c.link = link;
    }
  }

  /** A link closed: the conversation stays, and dials again when it next needs to. */
  public void linkDown(PeerLink link) {
    links.remove(key(link.peerName()), link);
    Conversation c = byName.get(key(link.peerName()));
    if (c != null && c.link == link) {
      c.link = null;
    }
  }

  /** A chat message arrived from {@code link}'s user. */
  public void received(PeerLink link, PeerMessage message) {
    String name = link.peerName();
    Conversation c = byName.get(key(name));
    switch (message) {
      case ChatRequest r -> {
        if (c == null) {
          c = new Conversation(name, State.REQUESTED_BY_THEM);
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
      case ChatDecline d -> {
        if (c != null && c.state == State.REQUESTED_BY_ME) {
          byName.remove(key(name));
          events.accept(new NodeEvent.ChatDeclined(c.name, d.reason()));
          dropOutbox(c, name + " declined the chat request");
        }
      }
      case ChatText t -> {
        if (c != null && c.state == State.OPEN) {
          events.accept(
              new NodeEvent.MessageReceived(
                  c.name, t.text(), Instant.ofEpochMilli(t.sentAtMillis())));
        } else {
          link.send(new ChatClose()); // no conversation here: tell them it is closed
        }
      }
      case ChatClose x -> {
        if (c != null) {
          byName.remove(key(name));
          dropOutbox(c, name + " closed the conversation");
          events.accept(new NodeEvent.ConversationClosed(c.name, true));
        }
      }
      case Introduce i -> {} // handled by the link layer
      case Introduced i -> {}
    }
  }

  private void flush(Conversation c, PeerLink link) {
    if (c.state != State.OPEN) {
      return;
    }
    String text;
    while ((text = c.outbox.poll()) != null) {
      link.send(new ChatText(c.nextSeq++, System.currentTimeMillis(), text));
    }
  }

  private void dropOutbox(Conversation c, String why) {
    String text;
    while ((text = c.outbox.poll()) != null) {
      events.accept(new NodeEvent.MessageDropped(c.name, text, why));
    }
  }

  /** Runs {@code action} with a live link to the conversation's user, dialing if needed. */
  private void withLink(Conversation c, Consumer<PeerLink> action) {
    if (c.linked()) {
      action.accept(c.link);
      return;
    }
    PeerLink existing = links.get(key(c.name));
    if (existing != null && existing.isOpen()) {
      c.link = existing;
      action.accept(existing);
      return;
    }
    c.waiting.add(action);
    if (c.dialing) {
      return;
    }
    c.dialing = true;
    dialer
        .dial(c.name)
        .whenCompleteAsync(
            (link, error) -> {
              c.dialing = false;
              List<Consumer<PeerLink>> actions = new ArrayList<>(c.waiting);
              c.waiting.clear();
              if (error != null) {
                Throwable cause =
                    error instanceof CompletionException && error.getCause() != null
                        ? error.getCause()
                        : error;
                events.accept(new NodeEvent.Failed(cause.getMessage()));
                if (c.state == State.REQUESTED_BY_ME && byName.get(key(c.name)) == c) {
                  byName.remove(key(c.name));
                }
                dropOutbox(c, cause.getMessage());
                return;
              }
              c.link = link;
              actions.forEach(a -> a.accept(link));
            },
            actor);
  }

  private static String hostPort(PeerLink link) {
    var address = link.remoteAddress();
    return address == null ? "?" : address.getAddress().getHostAddress() + ":" + address.getPort();
  }

  private static String key(String name) {
    return name.toLowerCase(Locale.ROOT);
  }
}
