package org.hyplab.machine;

/** An image that cannot be placed in the machine (e.g. a segment outside RAM). */
public final class LoadException extends Exception {
    public LoadException(String message) {
        super(message);
    }
}
