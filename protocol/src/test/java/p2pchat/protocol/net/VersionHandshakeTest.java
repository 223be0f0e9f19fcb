package p2pchat.protocol.net;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import p2pchat.protocol.ProtocolVersion;
import p2pchat.protocol.frame.DataFrame;
import p2pchat.protocol.message.ConnectionMessage.Failure;
import p2pchat.protocol.message.ConnectionMessage.Hello;
import p2pchat.protocol.message.ConnectionMessage.Ping;
import p2pchat.protocol.message.ConnectionMessage.Welcome;
import p2pchat.protocol.message.ErrorCode;

class VersionHandshakeTest {
  /** What reaches the handler behind the handshake. */
  private static final class Behind extends ChannelInboundHandlerAdapter {
    final List<Object> events = new ArrayList<>();
    final List<Object> reads = new ArrayList<>();
    final List<Throwable> errors = new ArrayList<>();

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
      events.add(evt);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
      reads.add(msg);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
      errors.add(cause);
    }
  }

  private final Behind behind = new Behind();

  @Test
  void clientSendsHelloAndRemovesItselfOnWelcome() {
    EmbeddedChannel ch = new EmbeddedChannel(VersionHandshake.client(), behind);
    assertThat((Object) ch.readOutbound())
        .isEqualTo(new Hello(ProtocolVersion.CURRENT, ProtocolVersion.SOFTWARE));

    ch.writeInbound(new Welcome(1, "registry/9"));
    ch.writeInbound(new Ping(7));

    assertThat(behind.events).containsExactly(new VersionHandshake.Agreed(1, "registry/9"));
    assertThat(ch.pipeline().get(VersionHandshake.class)).isNull();
    assertThat(behind.reads).containsExactly(new Ping(7));
    assertThat((Object) ch.readOutbound()).isNull();
  }

  @Test
  void clientReportsTheRefusalAndCloses() {
    EmbeddedChannel ch = new EmbeddedChannel(VersionHandshake.client("bench"), behind);
    assertThat((Object) ch.readOutbound()).isEqualTo(new Hello(ProtocolVersion.CURRENT, "bench"));
    Failure refusal = new Failure(0, ErrorCode.UNSUPPORTED_VERSION, "too old");

    ch.writeInbound(refusal);

    assertThat(behind.events)
        .containsExactly(new VersionHandshake.Refused(Optional.empty(), refusal));
    assertThat(ch.isOpen()).isFalse();
  }

  @Test
  void clientRefusesAnythingButWelcomeFirst() {
    EmbeddedChannel ch = new EmbeddedChannel(VersionHandshake.client(), behind);

    ch.writeInbound(new Ping(1));

    assertThat(behind.errors)
        .singleElement()
        .extracting(Throwable::getMessage)
        .isEqualTo("expected Welcome, got Ping");
    assertThat(behind.events).isEmpty();
  }

  @Test
  void serverWelcomesItsVersion() {
    EmbeddedChannel ch = new EmbeddedChannel(VersionHandshake.server("peer", "other", ""), behind);
    assertThat((Object) ch.readOutbound()).isNull(); // the answering side waits for Hello

    ch.writeInbound(new Hello(ProtocolVersion.CURRENT, "p2pchat/0.0"));

    assertThat((Object) ch.readOutbound())
        .isEqualTo(new Welcome(ProtocolVersion.CURRENT, ProtocolVersion.SOFTWARE));
    assertThat(behind.events)
        .containsExactly(new VersionHandshake.Agreed(ProtocolVersion.CURRENT, "p2pchat/0.0"));
    assertThat(ch.pipeline().get(VersionHandshake.class)).isNull();
  }

  @Test
  void serverRefusesAnotherVersionNamingBoth() {
    EmbeddedChannel ch =
        new EmbeddedChannel(
            VersionHandshake.server("registry", "client", "; update the older side"), behind);
    Hello hello = new Hello(2, "future");

    ch.writeInbound(hello);

    Failure expected =
        new Failure(
            0,
            ErrorCode.UNSUPPORTED_VERSION,
            "this registry speaks protocol version 1, the client sent version 2; update the older"
                + " side");
    assertThat((Object) ch.readOutbound()).isEqualTo(expected);
    assertThat(behind.events)
        .containsExactly(new VersionHandshake.Refused(Optional.of(hello), expected));
    assertThat(ch.isOpen()).isFalse();
  }

  @Test
  void serverRefusesAnythingButHelloFirst() {
    EmbeddedChannel ch = new EmbeddedChannel(VersionHandshake.server("peer", "other", ""), behind);

    ch.writeInbound(new Ping(1));

    assertThat(behind.errors)
        .singleElement()
        .extracting(Throwable::getMessage)
        .isEqualTo("expected Hello as the first message, got Ping");
  }

  @Test
  void passesDataFramesOnForTheConnectionToRefuse() {
    EmbeddedChannel ch = new EmbeddedChannel(VersionHandshake.server("peer", "other", ""), behind);
    DataFrame data = new DataFrame(1, 0, Unpooled.buffer(1));

    ch.writeInbound(data);

    assertThat(behind.reads).containsExactly(data);
    data.release();
  }
}
