package dev.mw.e2e;

import java.util.List;

/** The original system's answers for the seed queries, in the order the master must return them. */
public final class SeedAnswers {

    /** {@code ?name=alice}. */
    public static final List<Person> ALICE = List.of(
            new Person(2, "alice", "New York City", 2002));

    /** {@code ?location=Kansas City}: group am first, then nz, each by record_id. */
    public static final List<Person> KANSAS_CITY = List.of(
            new Person(4, "bill", "Kansas City", 2002),
            new Person(12, "deep", "Kansas City", 2022),
            new Person(1, "rakin", "Kansas City", 2019),
            new Person(3, "zen", "Kansas City", 2018),
            new Person(4, "symon", "Kansas City", 2015),
            new Person(14, "niko", "Kansas City", 2001));

    /** {@code ?location=New York City&year=2002}. */
    public static final List<Person> NEW_YORK_2002 = ALICE;

    private SeedAnswers() {
    }
}
