package p2pchat.protocol.message;

/**
 * A control message: what travels in a CONTROL frame. Each area of the protocol has its own sealed
 * family, so that an exhaustive switch over {@code Message} names every message there is.
 */
public sealed interface Message
    permits ConnectionMessage,
        RegistryMessage,
        AdminMessage,
        FileIndexMessage,
        PeerMessage,
        FileMessage {}
