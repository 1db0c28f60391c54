package org.hyplab.ui.lab;

import org.hyplab.lab.LabWorker;

/**
 * What every Lab tab of this server shares: the worker threads that run the machines in
 * slices. Created on first use, so a server nobody opens the Lab on starts no threads.
 */
final class LabRuntime {

    private static volatile LabWorker worker;

    private LabRuntime() {
    }

    static LabWorker worker() {
        LabWorker w = worker;
        if (w == null) {
            synchronized (LabRuntime.class) {
                w = worker;
                if (w == null) {
                    worker = w = LabWorker.forThisMachine();
                }
            }
        }
        return w;
    }
}
