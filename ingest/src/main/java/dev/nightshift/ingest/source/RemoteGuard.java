package dev.nightshift.ingest.source;

import dev.nightshift.ingest.IngestException;
import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * Refuses remote URLs whose host resolves to a loopback, link-local, private (site-local), unique-local,
 * wildcard or multicast address, unless private addresses are allowed: a server that clones URLs on
 * request must not become a way to reach its own network (server-side request forgery). File URLs are
 * local by nature and pass.
 */
public final class RemoteGuard {
    private final boolean allowPrivateAddresses;

    public RemoteGuard(boolean allowPrivateAddresses) {
        this.allowPrivateAddresses = allowPrivateAddresses;
    }

    /** @throws IngestException when the URL's host is refused or cannot be resolved */
    public void check(RepositoryLocation.RemoteUrl remote) {
        if (allowPrivateAddresses || remote.host() == null) {
            return;
        }
        InetAddress[] addresses;
        try {
            addresses = InetAddress.getAllByName(stripBrackets(remote.host()));
        } catch (UnknownHostException e) {
            throw new IngestException("cannot resolve the host '" + remote.host() + "' of '" + remote.safeUrl()
                    + "'; check the URL and your network");
        }
        for (InetAddress a : addresses) {
            if (isInternal(a)) {
                throw new IngestException("refusing to fetch '" + remote.safeUrl()
                        + "': its host resolves to the internal address " + a.getHostAddress()
                        + "; set ingestOptions.allowPrivateAddresses: true if this is intended");
            }
        }
    }

    static boolean isInternal(InetAddress a) {
        if (a.isLoopbackAddress()
                || a.isLinkLocalAddress()
                || a.isSiteLocalAddress()
                || a.isAnyLocalAddress()
                || a.isMulticastAddress()) {
            return true;
        }
        byte[] b = a.getAddress();
        if (b.length == 16) {
            // fc00::/7 unique local addresses (Java's isSiteLocalAddress only knows the deprecated fec0::/10).
            return (b[0] & 0xfe) == 0xfc;
        }
        // 100.64.0.0/10 carrier-grade NAT and 0.0.0.0/8 also reach internal networks.
        return (b[0] & 0xff) == 100 && (b[1] & 0xc0) == 64 || (b[0] & 0xff) == 0;
    }

    private static String stripBrackets(String host) {
        return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    }
}
