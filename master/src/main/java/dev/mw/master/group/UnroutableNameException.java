package dev.mw.master.group;

/** No group owns the first character of a name. */
public class UnroutableNameException extends RuntimeException {

    private final int codePoint;

    public UnroutableNameException(String name, int codePoint) {
        super(codePoint < 0
                ? "name '" + name + "' has no character to route by"
                : "no group owns names starting with '" + new String(Character.toChars(codePoint)) + "'"
                        + String.format(" (U+%04X)", codePoint));
        this.codePoint = codePoint;
    }

    public int codePoint() {
        return codePoint;
    }
}
