package org.hyplab.content;

/** Thrown by a {@link ContentFolder.EntryReader} when a file's content is wrong. */
public class ContentException extends RuntimeException {

    private final int line;

    /** A fault about the file as a whole. */
    public ContentException(String message) {
        this(0, message);
    }

    /** A fault at a 1-based line of the file (0 when unknown). */
    public ContentException(int line, String message) {
        super(message);
        this.line = line;
    }

    public int line() {
        return line;
    }
}
