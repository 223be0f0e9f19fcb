package p2pchat.protocol.frame;

/** The byte after a frame's length: what its body holds. */
public final class FrameKind {
  /** A control message encoded by {@code MessageCodec}. */
  public static final int CONTROL = 0x01;

  /** Bulk file data, never passed through the message codec (see {@link DataFrame}). */
  public static final int DATA = 0x02;

  private FrameKind() {}
}
