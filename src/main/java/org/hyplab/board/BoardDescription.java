package org.hyplab.board;

import java.util.List;
import java.util.Optional;

/**
 * One board as {@code boards/<id>.yaml} describes it.
 *
 * @param id          the file name without {@code .yaml}, how lessons and the CLI name the board
 * @param name        the board's full name
 * @param summary     one or two sentences for people choosing a board
 * @param cpu         the CPU model of each core, e.g. {@code Cortex-A15}
 * @param cpus        how many cores
 * @param compatible  the root node's device-tree {@code compatible} strings, most specific first
 * @param qemuMachine the QEMU {@code -M} machine that models the same board, when there is one:
 *                    the oracle conformance tests compare against
 */
public record BoardDescription(String id, String name, String summary, String cpu, int cpus,
                               List<String> compatible, Optional<String> qemuMachine) {
}
