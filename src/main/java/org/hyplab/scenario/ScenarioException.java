package org.hyplab.scenario;

/**
 * A scenario that cannot be built (a missing or unusable guest file, a domain that does not fit,
 * bad options). The message is one line that says what is wrong and, where it can, what to do.
 */
public final class ScenarioException extends RuntimeException {

    public ScenarioException(String message) {
        super(message);
    }
}
