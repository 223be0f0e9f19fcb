package p2pchat.peer.net;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import p2pchat.protocol.identity.Identity;

/** The pool over a fake dialer, its callbacks run in the test's thread. */
class LinkPoolTest {
  private final FakeDialer dialer = new FakeDialer();
  private final LinkPool pool = new LinkPool(dialer, Runnable::run);
  private final FakeLink bob = new FakeLink("bob", Identity.generate("bob").peerId(), false);
  private final List<Object> heard = new ArrayList<>();

  @Test
  void oneDialServesEveryoneWaiting() {
    pool.withLink("bob", heard::add, heard::add);
    pool.withLink("Bob", heard::add, heard::add);
    assertThat(heard).isEmpty();

    dialer.connect(bob);

    assertThat(dialer.dialed()).containsExactly("bob");
    assertThat(heard).containsExactly(bob, bob);
  }

  @Test
  void anOpenLinkIsUsedWithoutDialing() {
    pool.up(bob);

    pool.withLink("bob", heard::add, heard::add);

    assertThat(heard).containsExactly(bob);
    assertThat(dialer.dialed()).isEmpty();
  }

  @Test
  void aClosedLinkIsDialedAgain() {
    pool.up(bob);
    bob.drop();

    pool.withLink("bob", heard::add, heard::add);

    assertThat(dialer.dialed()).containsExactly("bob");
    assertThat(pool.open("bob")).isEmpty();
  }

  @Test
  void aFailedDialTellsEveryoneWaitingItsSentence() {
    pool.withLink("bob", heard::add, heard::add);
    pool.withLink("bob", heard::add, heard::add);

    dialer.fail("bob", "bob is offline");

    assertThat(heard).containsExactly("bob is offline", "bob is offline");
  }
}
