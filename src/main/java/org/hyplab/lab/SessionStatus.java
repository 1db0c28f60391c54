package org.hyplab.lab;

import java.util.List;

import org.hyplab.debug.StopReason;
import org.hyplab.debug.Where;

/**
 * A session at a glance, as the UI shows it after each change: whether it runs and what
 * control, why it last stopped, how far it is (instructions, traps), where every CPU is.
 *
 * @param version grows with every status a session publishes
 * @param control the control running ("run to the next trap"), or empty when stopped
 * @param stop    why it last stopped, {@code null} before its first control
 * @param console grows with every byte printed
 */
public record SessionStatus(long version, boolean running, String control, StopReason stop, long retired,
                            long events, List<Where> cpus, long console) {
}
