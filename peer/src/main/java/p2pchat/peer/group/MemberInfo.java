package p2pchat.peer.group;

/**
 * A member of a group as the node's queries show it: whether it is this user, and how many messages
 * wait until it is reachable.
 */
public record MemberInfo(String name, boolean you, int waiting) {}
