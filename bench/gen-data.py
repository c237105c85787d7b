#!/usr/bin/env python3
"""Deterministic generator of realistic data files for the master-worker benchmarks.

Writes one group's data file in the contract's format (a JSON array of
{"record_id", "name", "location", "year"}), of any size, plus optional query lists
sampled from what it wrote (so every benchmark query finds records).

  bench/gen-data.py --group am --range a-m --records 1000000 --out target/bench-data/am-1000000.json \
      --queries target/bench-data/am-1000000 --sample 2000

- names: "<First> <Last>", first names start with every letter the group owns (uniformly),
  about 150 first names per letter and 3000 surnames, so most names are rare and a name
  query returns one or a few records, as with real people;
- locations: a pool of 3000 place names shared by every group (a location query is
  answered by every group), uniformly distributed;
- years: 1900..2025; record_id: 1..N, unique within the file.

The same --seed, --range and --records always give the same bytes. The location pool
depends on the seed only, not on the group, so files of different groups share locations.
"""
import argparse
import json
import os
import random
import string
import sys
import urllib.parse

ONSETS = ["b", "br", "c", "ch", "cl", "d", "dr", "f", "fr", "g", "gr", "h", "j", "k", "l", "m",
          "n", "p", "pr", "r", "s", "sh", "st", "t", "th", "tr", "v", "w", "z"]
VOWELS = ["a", "e", "i", "o", "u", "ai", "ea", "ie", "ou", "y"]
CODAS = ["", "", "n", "r", "l", "s", "th", "m", "nd", "rt", "x", "ck"]
PLACE_PREFIXES = ["", "", "", "", "New ", "Port ", "Fort ", "East ", "West ", "North ", "South ", "Lake ",
                  "Mount ", "Saint "]
PLACE_SUFFIXES = ["", "ton", "ville", "burg", "field", "ford", "haven", "mouth", "ridge", "wood", "dale",
                  "port", "stead", "bury", " City", " Springs", " Falls", " Harbor"]


def letters_of(spec):
    """'a-m' or 'a-f,g-m' -> the owned letters."""
    out = []
    for part in spec.replace(" ", "").split(","):
        if "-" in part:
            lo, hi = part.split("-")
            out.extend(chr(c) for c in range(ord(lo), ord(hi) + 1))
        else:
            out.append(part)
    return sorted(set(out))


def syllable(rng):
    return rng.choice(ONSETS) + rng.choice(VOWELS) + rng.choice(CODAS)


def first_names(rng, letter, count):
    """count distinct first names starting with letter."""
    names = set()
    attempts = 0
    while len(names) < count and attempts < count * 50:
        attempts += 1
        tail = rng.choice(VOWELS) + rng.choice(CODAS) + (syllable(rng) if rng.random() < 0.6 else "")
        if rng.random() < 0.4:
            tail = rng.choice(["r", "l", "h", ""]) + tail
        names.add((letter + tail).capitalize())
    return sorted(names)


def surnames(rng, count):
    names = set()
    while len(names) < count:
        n = syllable(rng) + syllable(rng)
        if rng.random() < 0.3:
            n += rng.choice(["son", "er", "ez", "ski", "man", "ley"])
        names.add(n.capitalize())
    return sorted(names)


def places(seed, count):
    rng = random.Random(f"{seed}-places")
    out = set()
    while len(out) < count:
        core = (syllable(rng) + (syllable(rng) if rng.random() < 0.5 else "")).capitalize()
        out.add(rng.choice(PLACE_PREFIXES) + core + rng.choice(PLACE_SUFFIXES))
    return sorted(out)


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--group", required=True, help="group name, e.g. am (informational)")
    p.add_argument("--range", required=True, help="letters the group owns, e.g. a-m")
    p.add_argument("--records", type=int, required=True)
    p.add_argument("--out", required=True, help="data file to write")
    p.add_argument("--seed", default="42")
    p.add_argument("--locations", type=int, default=3000, help="size of the location pool")
    p.add_argument("--queries", help="prefix for query lists: PREFIX.names, PREFIX.locations, "
                                     "PREFIX.locyears (URL paths, one a line)")
    p.add_argument("--sample", type=int, default=1000, help="queries per list")
    args = p.parse_args()

    letters = letters_of(args.range)
    if not letters or any(c not in string.ascii_lowercase for c in letters):
        sys.exit(f"gen-data: bad --range {args.range!r}")
    rng = random.Random(f"{args.seed}-{args.range}-names")
    firsts = [f for letter in letters for f in first_names(rng, letter, 150)]
    lasts = surnames(rng, 3000)
    locations = places(args.seed, args.locations)

    n = args.records
    rng = random.Random(f"{args.seed}-{args.range}-{n}")
    fi = rng.choices(range(len(firsts)), k=n)
    la = rng.choices(range(len(lasts)), k=n)
    lo = rng.choices(range(len(locations)), k=n)
    yr = rng.choices(range(1900, 2026), k=n)
    # names and locations are generated from ASCII syllables: no JSON escaping needed,
    # but quote them via json.dumps once per pool value to stay correct if that changes.
    qf = [json.dumps(f) for f in firsts]
    ql = [json.dumps(l) for l in locations]

    os.makedirs(os.path.dirname(os.path.abspath(args.out)), exist_ok=True)
    tmp = args.out + ".tmp"
    with open(tmp, "w", encoding="utf-8", buffering=1 << 20) as f:
        f.write("[\n")
        chunk = []
        for i in range(n):
            chunk.append('  {"record_id": %d, "name": %s, "location": %s, "year": %d}%s\n' % (
                i + 1, qf[fi[i]][:-1] + " " + lasts[la[i]] + '"', ql[lo[i]], yr[i], "," if i + 1 < n else ""))
            if len(chunk) >= 10000:
                f.write("".join(chunk))
                chunk.clear()
        f.write("".join(chunk))
        f.write("]\n")
    os.replace(tmp, args.out)

    if args.queries:
        q = random.Random(f"{args.seed}-{args.range}-{n}-queries")
        picks = [q.randrange(n) for _ in range(args.sample)] if n else []
        quote = urllib.parse.quote
        with open(args.queries + ".names", "w") as f:
            for i in picks:
                f.write("/api/records?name=%s\n" % quote(firsts[fi[i]] + " " + lasts[la[i]]))
        with open(args.queries + ".locations", "w") as f:
            for i in picks:
                f.write("/api/records?location=%s\n" % quote(locations[lo[i]]))
        with open(args.queries + ".locyears", "w") as f:
            for i in picks:
                f.write("/api/records?location=%s&year=%d\n" % (quote(locations[lo[i]]), yr[i]))


if __name__ == "__main__":
    main()
