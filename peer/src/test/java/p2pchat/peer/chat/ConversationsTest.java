package p2pchat.peer.chat;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import p2pchat.peer.NodeEvent;
import p2pchat.peer.net.FakeDialer;
import p2pchat.peer.net.FakeLink;
import p2pchat.peer.net.LinkPool;
import p2pchat.protocol.identity.Identity;
import p2pchat.protocol.identity.PeerId;
import p2pchat.protocol.message.PeerMessage.ChatAccept;
import p2pchat.protocol.message.PeerMessage.ChatClose;
import p2pchat.protocol.message.PeerMessage.ChatDecline;
import p2pchat.protocol.message.PeerMessage.ChatRequest;
import p2pchat.protocol.message.PeerMessage.ChatText;

/** Alice's conversations with bob over a fake link, the actor run in the test's thread. */
class ConversationsTest {
  private static final PeerId BOB = Identity.generate("bob").peerId();
  private static final String REFUSED =
      "bob had no conversation with you when it arrived (closed there, or bob restarted); send it"
          + " again to ask to chat anew";

  private final List<NodeEvent> events = new ArrayList<>();
  private final List<NodeEvent.MessageSent> sent =
      new ArrayList<>(); // kept apart: they carry a time
  private final FakeDialer dialer = new FakeDialer();
  private final FakeLink bob = new FakeLink("bob", BOB, false);
  private final LinkPool links = new LinkPool(dialer, Runnable::run);
  private final Conversations conversations =
      new Conversations("alice", links, name -> false, this::heard);

  private void heard(NodeEvent event) {
    if (event instanceof NodeEvent.MessageSent m) {
      sent.add(m);
    } else {
      events.add(event);
    }
  }

  /** The id, recipient and text of each MessageSent, in order. */
  private List<String> sentEvents() {
    return sent.stream().map(m -> m.id() + " " + m.to() + " " + m.text()).toList();
  }

  private static List<String> texts(FakeLink link) {
    return link.sent(ChatText.class).stream().map(ChatText::text).toList();
  }

  /** Bob asked and alice accepted: an open conversation, nothing sent or told yet. */
  private void openByTheirRequest() {
    dialer.reachable(bob);
    conversations.received(bob, new ChatRequest());
    conversations.accept("bob");
    bob.clear();
    events.clear();
  }

  @Test
  void aRequestDialsAndAsks() {
    conversations.request("bob");
    assertThat(dialer.dialed()).containsExactly("bob");
    assertThat(bob.sent()).isEmpty(); // not before the link is up

    dialer.connect(bob);

    assertThat(bob.sent()).containsExactly(new ChatRequest());
    assertThat(events).containsExactly(new NodeEvent.ChatRequestSent("bob"));
  }

  @Test
  void oneCannotChatWithOneself() {
    conversations.request("Alice");

    assertThat(events)
        .containsExactly(
            new NodeEvent.Failed(NodeEvent.Code.SELF_CHAT, "you cannot chat with yourself"));
    assertThat(dialer.dialed()).isEmpty();
  }

  @Test
  void aRequestAskedTwiceWaits() {
    dialer.reachable(bob);
    conversations.request("bob");
    conversations.request("bob");

    assertThat(bob.sent()).containsExactly(new ChatRequest());
    assertThat(events)
        .containsExactly(
            new NodeEvent.ChatRequestSent("bob"),
            new NodeEvent.Failed(
                NodeEvent.Code.REQUEST_PENDING,
                "your request to bob is still waiting for an answer"));
  }

  @Test
  void textsWrittenBeforeTheyAcceptGoOutOnceTheyDo() {
    dialer.reachable(bob);
    conversations.send("bob", "one");
    conversations.send("bob", "two");
    assertThat(bob.sent()).containsExactly(new ChatRequest());

    conversations.received(bob, new ChatAccept());

    assertThat(events)
        .containsExactly(
            new NodeEvent.ChatRequestSent("bob"), new NodeEvent.ConversationOpened("bob", true));
    assertThat(bob.sent(ChatText.class)).extracting(ChatText::seq).containsExactly(1L, 2L);
    assertThat(texts(bob)).containsExactly("one", "two");
    assertThat(sentEvents()).containsExactly("1 bob one", "2 bob two");
  }

  @Test
  void theirRequestIsToldAndAcceptingAnswersIt() {
    dialer.reachable(bob);
    conversations.received(bob, new ChatRequest());
    assertThat(events).containsExactly(new NodeEvent.ChatRequested("bob"));

    conversations.accept("bob");

    assertThat(bob.sent()).containsExactly(new ChatAccept());
    assertThat(events).last().isEqualTo(new NodeEvent.ConversationOpened("bob", false));
    conversations.send("bob", "hi");
    assertThat(texts(bob)).containsExactly("hi");
  }

  @Test
  void decliningAnswersAndForgetsTheRequest() {
    dialer.reachable(bob);
    conversations.received(bob, new ChatRequest());

    conversations.decline("bob");

    assertThat(bob.sent()).containsExactly(new ChatDecline("declined"));
    assertThat(events)
        .last()
        .isEqualTo(
            new NodeEvent.Notice(NodeEvent.Code.REQUEST_DECLINED, "declined bob's chat request"));
    conversations.accept("bob");
    assertThat(events)
        .last()
        .isEqualTo(
            new NodeEvent.Failed(NodeEvent.Code.NOT_ASKED, "bob has not asked to chat with you"));
  }

  @Test
  void theirDeclineDropsWhatWaited() {
    dialer.reachable(bob);
    conversations.send("bob", "hi");

    conversations.received(bob, new ChatDecline("busy"));

    assertThat(events)
        .containsExactly(
            new NodeEvent.ChatRequestSent("bob"),
            new NodeEvent.ChatDeclined("bob", "busy"),
            new NodeEvent.MessageDropped(1, "bob", "hi", "bob declined the chat request"));
    assertThat(bob.sent()).containsExactly(new ChatRequest());
  }

  @Test
  void aFailedDialIsToldAndDropsWhatWaited() {
    conversations.send("bob", "hi");

    dialer.fail("bob", "bob is offline");

    assertThat(events)
        .containsExactly(
            new NodeEvent.Failed(NodeEvent.Code.UNREACHABLE, "bob is offline"),
            new NodeEvent.MessageDropped(1, "bob", "hi", "bob is offline"));
    conversations.close("bob");
    assertThat(events)
        .last()
        .isEqualTo(
            new NodeEvent.Failed(
                NodeEvent.Code.NO_CONVERSATION, "you have no conversation with bob"));
  }

  @Test
  void closingTellsThemAndEndsIt() {
    openByTheirRequest();

    conversations.close("bob");

    assertThat(bob.sent()).containsExactly(new ChatClose());
    assertThat(events).containsExactly(new NodeEvent.ConversationClosed("bob", false));
    conversations.close("bob");
    assertThat(events)
        .last()
        .isEqualTo(
            new NodeEvent.Failed(
                NodeEvent.Code.NO_CONVERSATION, "you have no conversation with bob"));
  }

  @Test
  void theirCloseEndsIt() {
    openByTheirRequest();

    conversations.received(bob, new ChatClose());

    assertThat(events).containsExactly(new NodeEvent.ConversationClosed("bob", true));
    assertThat(conversations.list()).isEmpty();
  }

  @Test
  void aTextRefusedByThemIsReportedAsDropped() {
    openByTheirRequest();
    long id = conversations.send("bob", "are you there?");
    assertThat(id).isEqualTo(1);
    assertThat(texts(bob)).containsExactly("are you there?");

    conversations.received(bob, new ChatDecline(Conversations.NO_CONVERSATION));
    conversations.received(bob, new ChatClose()); // follows the refusal: dealt with already

    assertThat(events)
        .containsExactly(
            new NodeEvent.ConversationClosed("bob", true),
            new NodeEvent.MessageDropped(1, "bob", "are you there?", REFUSED));
  }

  @Test
  void aTextOutsideAnyConversationIsRefused() {
    conversations.received(bob, new ChatText(1, 0, "hello?"));

    assertThat(bob.sent())
        .containsExactly(new ChatDecline(Conversations.NO_CONVERSATION), new ChatClose());
    assertThat(events).isEmpty();
  }

  @Test
  void aTextInAnOpenConversationIsShown() {
    openByTheirRequest();

    conversations.received(bob, new ChatText(1, 1_000, "hi alice"));

    assertThat(events)
        .containsExactly(
            new NodeEvent.MessageReceived(
                1, "bob", "hi alice", java.time.Instant.ofEpochMilli(1_000)));
  }

  @Test
  void aConversationWhoseLinkClosedDialsAgain() {
    openByTheirRequest();
    bob.drop();
    conversations.linkDown(bob);
    FakeLink again = new FakeLink("bob", BOB, false);
    dialer.reachable(again);

    conversations.send("bob", "after the drop");

    assertThat(texts(again)).containsExactly("after the drop"); // dialed anew
    assertThat(dialer.dialed()).containsExactly("bob");
    assertThat(bob.sent()).isEmpty();
  }

  @Test
  void friendsNeedNoRequest() {
    Conversations open = new Conversations("alice", links, name -> true, this::heard);
    dialer.reachable(bob);

    open.received(bob, new ChatRequest());
    open.send("bob", "hi");

    assertThat(bob.sent()).first().isEqualTo(new ChatAccept());
    assertThat(texts(bob)).containsExactly("hi");
    assertThat(events).containsExactly(new NodeEvent.ConversationOpened("bob", false));
    assertThat(sentEvents()).containsExactly("1 bob hi");
  }
}
