package org.hyplab.conformance;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.stream.LongStream;
import java.util.stream.Stream;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Random instruction sequences (RandomA32) run on QEMU and on HypLab must leave the same
 * registers, flags and memory: six fixed seeds (odd ones in Hyp mode, even ones in every PL0/PL1
 * mode), about 80,000 instructions each, so CI covers about half a million instructions every run.
 * Longer runs with fresh seeds:
 * {@code ./hyplab conformance --insns N [--seed S]} (ConformanceSoakTest).
 */
class RandomSequenceIT {

    static final long[] SEEDS = {1, 2, 3, 4, 5, 6};
    static final long INSTRUCTIONS_PER_SEED = 80_000;

    @TestFactory
    Stream<DynamicTest> randomBlocksLeaveTheStateQemuLeaves() {
        return LongStream.of(SEEDS).mapToObj(seed -> DynamicTest.dynamicTest("seed " + seed, () -> {
            RandomSequences.Outcome outcome = RandomSequences.run(seed, INSTRUCTIONS_PER_SEED);
            System.out.printf("RandomSequenceIT: seed %d, %d blocks, %d instructions: %s%n", seed,
                    outcome.blocks(), outcome.instructions(), outcome.ok() ? "identical" : "MISMATCH");
            assertTrue(outcome.ok(), outcome.mismatch());
        }));
    }
}
