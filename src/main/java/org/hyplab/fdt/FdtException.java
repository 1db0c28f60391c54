package org.hyplab.fdt;

/**
 * A device tree blob that cannot be read: truncated, not a DTB, offsets or sizes out of range,
 * bad nesting. The message is one line, fit to print after the file name.
 */
public class FdtException extends Exception {

    public FdtException(String message) {
        super(message);
    }
}
