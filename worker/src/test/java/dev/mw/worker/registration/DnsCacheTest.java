package dev.mw.worker.registration;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.security.Security;
import java.time.Duration;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The worker keeps DNS answers for a second, below a heartbeat, unless the user chose a TTL, and
 * resolves master names again every heartbeat.
 */
class DnsCacheTest {

    private String ttl;
    private String negativeTtl;

    @BeforeEach
    void remember() {
        ttl = Security.getProperty(DnsCache.TTL);
        negativeTtl = Security.getProperty(DnsCache.NEGATIVE_TTL);
    }

    @AfterEach
    void restore() {
        // an absent security property cannot be removed again; "" reads as unset, like absent
        Security.setProperty(DnsCache.TTL, ttl == null ? "" : ttl);
        Security.setProperty(DnsCache.NEGATIVE_TTL, negativeTtl == null ? "" : negativeTtl);
        System.clearProperty(DnsCache.TTL_SYSTEM_PROPERTY);
    }

    @Test
    void unsetTtlsBecomeOneSecond() {
        Security.setProperty(DnsCache.TTL, "");
        Security.setProperty(DnsCache.NEGATIVE_TTL, "");
        DnsCache.configure();
        assertEquals("1", Security.getProperty(DnsCache.TTL));
        assertEquals("1", Security.getProperty(DnsCache.NEGATIVE_TTL));
    }

    @Test
    void aTtlTheUserChoseStays() {
        Security.setProperty(DnsCache.TTL, "7");
        Security.setProperty(DnsCache.NEGATIVE_TTL, "");
        DnsCache.configure();
        assertEquals("7", Security.getProperty(DnsCache.TTL));
        assertEquals("1", Security.getProperty(DnsCache.NEGATIVE_TTL));
    }

    @Test
    void theLegacySystemPropertyStaysInCharge() {
        Security.setProperty(DnsCache.TTL, "");
        System.setProperty(DnsCache.TTL_SYSTEM_PROPERTY, "5");
        DnsCache.configure();
        assertEquals("", Security.getProperty(DnsCache.TTL), "left unset, so the JDK reads -Dsun.net.inetaddr.ttl");
    }

    @Test
    void masterNamesAreResolvedAgainEveryHeartbeat() {
        assertEquals(Duration.ofSeconds(3), RegistrationService.discoveryPeriod(Duration.ofSeconds(3)));
        assertEquals(Duration.ofSeconds(1), RegistrationService.discoveryPeriod(Duration.ofMillis(200)));
    }
}
