package org.hyplab.content;

/**
 * Why one content file could not be used.
 *
 * @param file    the file, relative to the project root (e.g. {@code boards/broken.yaml})
 * @param line    the 1-based line the fault is on, or 0 when it is about the whole file
 * @param message what is wrong, in words a lesson author can act on
 */
public record LoadProblem(String file, int line, String message) {

    /** {@code file:line: message}, the way compilers report, so editors can jump to it. */
    public String describe() {
        return line > 0 ? file + ":" + line + ": " + message : file + ": " + message;
    }

    @Override
    public String toString() {
        return describe();
    }
}
