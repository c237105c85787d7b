package dev.mw.worker.data;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

class HashRunsTest {

    private static final int[] HASHES = { 7, -3, 7, 0, Integer.MIN_VALUE, 7, Integer.MAX_VALUE, -3 };

    private final HashRuns runs = HashRuns.of(HASHES.length, p -> HASHES[p]);

    @Test
    void findsEveryPositionOfAHashInOrder() {
        assertEquals(List.of(0, 2, 5), positions(7));
        assertEquals(List.of(1, 7), positions(-3));
        assertEquals(List.of(3), positions(0));
    }

    @Test
    void handlesTheExtremeHashes() {
        assertEquals(List.of(4), positions(Integer.MIN_VALUE));
        assertEquals(List.of(6), positions(Integer.MAX_VALUE));
    }

    @Test
    void anUnknownHashIsAnEmptyRun() {
        assertEquals(List.of(), positions(8));
        assertEquals(List.of(), positions(-1));
        assertEquals(0, HashRuns.of(0, p -> 0).find(1).size());
    }

    @Test
    void aLargeIndexStaysInPositionOrderWithinARun() {
        HashRuns big = HashRuns.of(100_000, p -> p % 10);

        List<Integer> threes = positions(big, 3);

        assertEquals(10_000, threes.size());
        assertEquals(IntStream.range(0, 10_000).map(i -> i * 10 + 3).boxed().toList(), threes);
    }

    private List<Integer> positions(int hash) {
        return positions(runs, hash);
    }

    private static List<Integer> positions(HashRuns runs, int hash) {
        HashRuns.Run run = runs.find(hash);
        List<Integer> positions = new ArrayList<>();
        for (int i = 0; i < run.size(); i++) {
            positions.add(run.position(i));
        }
        return positions;
    }
}
