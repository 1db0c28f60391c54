package org.hyplab.mem;

/** Told when a RAM page that holds decoded instructions is written (self-modifying code, loaders). */
@FunctionalInterface
public interface CodeWatcher {

    /** {@code pageIndex} is the page within its RAM; {@code wordIndex} the word within the page. */
    void codeWritten(int pageIndex, int wordIndex);
}
