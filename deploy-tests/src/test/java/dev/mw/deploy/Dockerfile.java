package dev.mw.deploy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** A Dockerfile read as instructions, enough for the checks and the image layout here. */
final class Dockerfile {

    private Dockerfile() {
    }

    /** One instruction of a Dockerfile, continuation lines joined. */
    record Instruction(String keyword, String args) {
    }

    static List<Instruction> parse(Path dockerfile) throws IOException {
        List<Instruction> out = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String line : Files.readAllLines(dockerfile)) {
            String t = line.strip();
            if (t.startsWith("#") || t.isEmpty() && current.isEmpty()) {
                continue;
            }
            if (t.endsWith("\\")) {
                current.append(t, 0, t.length() - 1).append(' ');
                continue;
            }
            current.append(t);
            String text = current.toString().strip();
            current.setLength(0);
            if (!text.isEmpty()) {
                int space = text.indexOf(' ');
                out.add(new Instruction(text.substring(0, space).toUpperCase(), text.substring(space + 1).strip()));
            }
        }
        return out;
    }

    static String last(List<Instruction> instructions, String keyword) {
        return instructions.stream().filter(i -> i.keyword().equals(keyword)).reduce((a, b) -> b)
                .map(Instruction::args).orElseThrow(() -> new AssertionError("no " + keyword));
    }

}
