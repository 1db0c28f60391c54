package org.hyplab.lab;

/** A session that cannot be made or a request it cannot do, with a message for the user. */
public final class LabException extends Exception {

    public LabException(String message) {
        super(message);
    }
}
