package p2pchat.registry;

import java.util.concurrent.ExecutorService;
import p2pchat.registry.files.FileIndex;
import p2pchat.registry.limits.ConnectionSlots;
import p2pchat.registry.limits.RateLimits;
import p2pchat.registry.session.Directory;
import p2pchat.registry.store.RegistryStore;

/** What every connection of one registry shares. */
record RegistryCore(
    RegistryConfig config,
    Directory directory,
    Accounts accounts,
    RegistryStore store,
    ExecutorService blocking,
    int udpPort,
    RequestLog requestLog,
    RegistryAdmin admin,
    RateLimits limits,
    ConnectionSlots slots,
    FileIndex files) {}
