package p2pchat.registry.net;

import java.util.concurrent.ExecutorService;
import p2pchat.registry.RegistryConfig;
import p2pchat.registry.limits.ConnectionSlots;
import p2pchat.registry.limits.RateLimits;
import p2pchat.registry.service.AccountService;
import p2pchat.registry.service.FileIndex;
import p2pchat.registry.service.Operators;
import p2pchat.registry.service.Presence;
import p2pchat.registry.service.RequestLog;

/**
 * What every connection of one registry shares: the services its requests are translated into, the
 * limits they are checked against, and the pool that runs the blocking ones.
 *
 * @param udpPort the port hellos go to, as the login answer tells the client
 */
public record Core(
    RegistryConfig config,
    Presence presence,
    AccountService accounts,
    Operators operators,
    FileIndex files,
    RequestLog requestLog,
    RateLimits limits,
    ConnectionSlots slots,
    ExecutorService blocking,
    int udpPort) {}
