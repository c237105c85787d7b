package dev.mw.worker.registration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class MasterAddressesTest {

    private static InetAddress ip(String literal) {
        try {
            return InetAddress.getByName(literal);
        } catch (UnknownHostException e) {
            throw new AssertionError(e);
        }
    }

    private final Map<String, InetAddress[]> dns = Map.of(
            "masters", new InetAddress[] {ip("10.0.0.1"), ip("10.0.0.2"), ip("10.0.0.1")},
            "single", new InetAddress[] {ip("10.0.0.9")},
            "localhost", new InetAddress[] {ip("127.0.0.1"), ip("::1")},
            "v6only", new InetAddress[] {ip("fd00::1"), ip("fd00::2")});

    private final MasterAddresses addresses = new MasterAddresses(host -> {
        InetAddress[] found = dns.get(host);
        if (found == null) {
            throw new UnknownHostException(host);
        }
        return found;
    });

    @Test
    void aNameWithSeveralAddressesMeansEveryAddress() {
        assertEquals(List.of("http://10.0.0.1:8080", "http://10.0.0.2:8080"),
                addresses.expand(List.of("http://masters:8080")));
    }

    @Test
    void aNameWithOneAddressAnUnknownNameAndLiteralsStayAsTheyAre() {
        assertEquals(List.of("http://single:8080", "http://nowhere:8080", "http://10.1.1.1:8080", "http://[fd00::5]:8080"),
                addresses.expand(List.of("http://single:8080", "http://nowhere:8080", "http://10.1.1.1:8080",
                        "http://[fd00::5]:8080")));
    }

    @Test
    void ipv4IsPreferredSoLocalhostStaysOneMaster() {
        assertEquals(List.of("http://localhost:8080"), addresses.expand(List.of("http://localhost:8080")));
    }

    @Test
    void ipv6OnlyNamesExpandToBracketedAddressesAndKeepThePath() {
        assertEquals(List.of("http://[fd00:0:0:0:0:0:0:1]:8080/mw", "http://[fd00:0:0:0:0:0:0:2]:8080/mw"),
                addresses.expand(List.of("http://v6only:8080/mw")));
    }

    @Test
    void duplicatesAcrossConfiguredUrlsCollapse() {
        assertEquals(List.of("http://10.0.0.1:8080", "http://10.0.0.2:8080"),
                addresses.expand(List.of("http://masters:8080", "http://10.0.0.2:8080")));
    }

    @Test
    void onlyHostNamesNeedRediscovery() {
        assertTrue(MasterAddresses.hasHostNames(List.of("http://10.0.0.1:8080", "http://masters:8080")));
        assertFalse(MasterAddresses.hasHostNames(List.of("http://10.0.0.1:8080", "http://[::1]:8080")));
    }

    @Test
    void everyExpansionAsksTheResolverSoANewMasterPodIsSeenAtTheNextOne() {
        InetAddress[][] answer = {{ip("10.0.0.1"), ip("10.0.0.2")}};
        MasterAddresses changing = new MasterAddresses(host -> answer[0]);
        assertEquals(List.of("http://10.0.0.1:8080", "http://10.0.0.2:8080"), changing.expand(List.of("http://masters:8080")));

        answer[0] = new InetAddress[] {ip("10.0.0.2"), ip("10.0.0.3")}; // a rolling update replaced a pod
        assertEquals(List.of("http://10.0.0.2:8080", "http://10.0.0.3:8080"), changing.expand(List.of("http://masters:8080")));
    }
}
