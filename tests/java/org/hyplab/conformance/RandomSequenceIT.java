package org.hyplab.conformance;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.stream.LongStream;
import java.util.stream.Stream;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Random instruction sequences (RandomA32) run on QEMU and on HypLab must leave the same
 * registers, flags and memory: eight fixed seeds, about 80,000 instructions each, so CI covers
 * about 640,000 instructions every run. Seeds 1-8 cover every translation regime of
 * {@link RandomSequences#regime} once (the Hyp stage 1 twice): the MMU off in Hyp mode and from
 * SVC mode (blocks in every PL0/PL1 mode), the PL1&amp;0 stage 1 with short and with long
 * descriptors, both formats as a guest with stage 2 under them, and the Hyp stage 1.
 * Longer runs with fresh seeds:
 * {@code ./hyplab conformance --insns N [--seed S]} (ConformanceSoakTest).
 */
class RandomSequenceIT {

    static final long[] SEEDS = {1, 2, 3, 4, 5, 6, 7, 8};
    static final long INSTRUCTIONS_PER_SEED = 80_000;

    @TestFactory
    Stream<DynamicTest> randomBlocksLeaveTheStateQemuLeaves() {
        return LongStream.of(SEEDS).mapToObj(seed -> DynamicTest.dynamicTest("seed " + seed, () -> {
            RandomSequences.Outcome outcome = RandomSequences.run(seed, INSTRUCTIONS_PER_SEED);
            System.out.printf("RandomSequenceIT: seed %d (%s), %d blocks, %d instructions: %s%n", seed,
                    outcome.regime(), outcome.blocks(), outcome.instructions(), outcome.ok() ? "identical" : "MISMATCH");
            assertTrue(outcome.ok(), outcome.mismatch());
        }));
    }
}
