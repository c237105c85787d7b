package dev.mw.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The process controls the failure tests rely on, checked on a lone master: freeze and resume,
 * graceful stop, restart on the same port, SIGKILL.
 */
@ExtendWith(ProcessCleanupExtension.class)
class ServiceProcessIT {

    @Test
    void freezeStopRestartAndKillControlTheRealProcess() {
        ServiceProcess master = new ServiceProcess("ServiceProcessIT/master", RepoLayout.masterJar(),
                // a master without workers turns ready after one lease: a short one keeps the test short
                FreePorts.next(), Map.of("mw.lease", "1s")).start().awaitReady();
        long firstPid = master.pid();

        master.freeze();
        assertTrue(master.isAlive(), "a frozen process is still alive");
        assertEquals(-1, master.status("/q/health/live"), "a frozen process answers nothing");
        master.resume();
        assertEquals(200, master.status("/q/health/live"), "a resumed process answers again");

        master.restart();
        assertNotEquals(firstPid, master.pid(), "restart starts a new process");
        assertEquals(200, master.status("/q/health/ready"), "on the same port");

        master.freeze();
        master.stop();
        assertFalse(master.isAlive(), "stop ends even a frozen process");

        master.start().awaitLive();
        master.kill();
        assertFalse(master.isAlive(), "kill ends the process");
        assertEquals(-1, master.status("/q/health/live"));
    }
}
