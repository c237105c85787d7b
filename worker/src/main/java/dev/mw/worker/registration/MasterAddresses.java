package dev.mw.worker.registration;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Turns the configured master URLs into the URLs of every master: a host name that resolves to
 * several addresses (a Kubernetes headless Service over the master pods) stands for each of
 * them, so this worker registers with and heartbeats to every master replica. A name with one
 * address, an IP literal, or a name that does not resolve (yet) is kept as it is. IPv4 addresses
 * are preferred when a name has both, so {@code localhost} stays one master.
 */
final class MasterAddresses {

    @FunctionalInterface
    interface Resolver {
        InetAddress[] resolve(String host) throws UnknownHostException;
    }

    private final Resolver resolver;

    MasterAddresses(Resolver resolver) {
        this.resolver = resolver;
    }

    static MasterAddresses system() {
        return new MasterAddresses(InetAddress::getAllByName);
    }

    List<String> expand(List<String> configured) {
        Set<String> urls = new LinkedHashSet<>();
        for (String url : configured) {
            urls.addAll(expand(url));
        }
        return List.copyOf(urls);
    }

    /** True when some URL names a host that may resolve to more addresses over time. */
    static boolean hasHostNames(List<String> configured) {
        return configured.stream().map(u -> URI.create(u).getHost()).anyMatch(h -> h != null && !isLiteral(h));
    }

    private List<String> expand(String url) {
        URI uri = URI.create(url);
        String host = uri.getHost();
        if (host == null || isLiteral(host)) {
            return List.of(url);
        }
        List<InetAddress> addresses;
        try {
            addresses = preferIpv4(resolver.resolve(host));
        } catch (UnknownHostException e) {
            return List.of(url);
        }
        if (addresses.size() < 2) {
            return List.of(url);
        }
        List<String> expanded = new ArrayList<>();
        for (InetAddress address : addresses) {
            expanded.add(withHost(uri, address));
        }
        return expanded;
    }

    private static List<InetAddress> preferIpv4(InetAddress[] all) {
        List<InetAddress> v4 = Arrays.stream(all).filter(a -> a instanceof Inet4Address).distinct().toList();
        return v4.isEmpty() ? Arrays.stream(all).distinct().toList() : v4;
    }

    private static String withHost(URI uri, InetAddress address) {
        String ip = address.getHostAddress();
        String host = ip.contains(":") ? "[" + ip + "]" : ip;
        String port = uri.getPort() < 0 ? "" : ":" + uri.getPort();
        String path = uri.getRawPath() == null ? "" : uri.getRawPath();
        return uri.getScheme() + "://" + host + port + path;
    }

    private static boolean isLiteral(String host) {
        return host.startsWith("[") || host.matches("\\d{1,3}(\\.\\d{1,3}){3}");
    }
}
