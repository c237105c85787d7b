package dev.mw.e2e.failure;

import dev.mw.e2e.RepoLayout;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;

/**
 * One line per scenario, printed and appended to {@code e2e/target/failure-summary.md} as a
 * markdown table; the file is started afresh by the first scenario of a test run.
 */
final class FailureReport {

    static final Path FILE = RepoLayout.scratchDir().resolve("failure-summary.md");
    private static boolean started;

    private FailureReport() {
    }

    /**
     * @param badReplica the replica the scenario hurt ({@code -} when none)
     * @param badShare   its share of its group's answers in the measured window, 0..1, or NaN
     * @param note       what else the scenario measured, one short phrase
     */
    static synchronized void row(String scenario, LoadSummary summary, String badReplica, double badShare,
                                 String note) {
        String share = Double.isNaN(badShare) ? "-" : String.format("%.1f %%", badShare * 100);
        String line = String.format("| %s | %d | %d | %.1f | %.1f | %.1f | %.1f | %s | %s | %s |", scenario,
                summary.sent(), summary.failed(), summary.p50(), summary.p99(), summary.maxMs(), summary.seconds(),
                badReplica, share, note);
        System.out.println("[failure-summary] " + line);
        try {
            Files.createDirectories(FILE.getParent());
            if (!started) {
                Files.writeString(FILE, "# Failure scenarios under load ("
                        + LocalDateTime.now().format(DateTimeFormatter.ISO_LOCAL_DATE_TIME).substring(0, 16) + ")\n\n"
                        + "| scenario | sent | failed | p50 ms | p99 ms | max ms | load s | bad replica | its share"
                        + " | note |\n"
                        + "|---|---:|---:|---:|---:|---:|---:|---|---:|---|\n", StandardCharsets.UTF_8);
                started = true;
            }
            Files.writeString(FILE, line + "\n", StandardCharsets.UTF_8, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + FILE, e);
        }
    }
}
