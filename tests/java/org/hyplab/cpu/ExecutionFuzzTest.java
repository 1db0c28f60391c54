package org.hyplab.cpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.Random;

import org.hyplab.cpu.a32.Undefined;
import org.hyplab.machine.Machine;
import org.junit.jupiter.api.Test;

/**
 * Execution fuzzing: a million random 32-bit words, each executed as one instruction by
 * {@link Cpu#step} in a random mode (USR, FIQ, IRQ, SVC, ABT, UND, SYS, HYP) with random
 * registers, banked registers, SPSRs and flags, on a machine with RAM. Whatever the word, no
 * Java exception may escape: an UNDEFINED word takes the Undefined Instruction exception and a
 * wild address a Data Abort, both inside the CPU. The words the decoder calls {@link Undefined}
 * must, when their condition passes, end in Undefined mode (or at HVBAR + 4 in Hyp mode).
 */
class ExecutionFuzzTest {

    /** A million words from a fixed seed; -Dhyplab.fuzz.words=N -Dhyplab.fuzz.seed=S for longer or other runs. */
    static final int WORDS = Integer.getInteger("hyplab.fuzz.words", 1_000_000);
    static final long SEED = Long.getLong("hyplab.fuzz.seed", 0x5EED_F022L);

    static final long RAM_BASE = Machine.VEXPRESS_RAM_BASE;
    static final int RAM_BYTES = 1 << 20;
    /** Where each word is put and executed: the middle of RAM, so that PC-relative accesses hit RAM too. */
    static final int CODE = (int) RAM_BASE + RAM_BYTES / 2;

    private static final Mode[] MODES = {Mode.USR, Mode.FIQ, Mode.IRQ, Mode.SVC, Mode.ABT, Mode.UND, Mode.SYS,
        Mode.HYP};

    @Test
    void randomWordsNeverThrowOutOfTheCpu() {
        Machine machine = Machine.tinyVexpress(RAM_BYTES, b -> { });
        Cpu cpu = machine.cpus().get(0);
        Random random = new Random(SEED);
        long start = System.nanoTime();
        int undefined = 0;
        for (int i = 0; i < WORDS; i++) {
            int word = random.nextInt();
            Mode mode = MODES[random.nextInt(MODES.length)];
            randomState(cpu, random, mode);
            machine.bus().write32(CODE & 0xFFFF_FFFFL, word);
            cpu.pc = CODE;
            int[] regs = cpu.r.clone();
            int cpsr = cpu.cpsr();
            boolean passes = cpu.conditionPassed(word >>> 28);
            try {
                cpu.step();
            } catch (RuntimeException | AssertionError | StackOverflowError e) {
                throw new AssertionError("executing " + describe(word, mode, cpsr, regs) + " threw " + e, e);
            }
            Mode after = cpu.mode();
            assertNotNull(after);
            assertEquals(after.bits, cpu.cpsr() & Psr.M_MASK,
                    () -> "CPSR.M out of step after " + describe(word, mode, cpsr, regs));
            if (passes && A32Decoder.decode(word) instanceof Undefined) {
                undefined++;
                int vector = mode == Mode.HYP ? cpu.sys.hvbar + 4 : cpu.sys.vectorBase() + 4;
                Mode expected = mode == Mode.HYP ? Mode.HYP : Mode.UND;
                if (after != expected || cpu.pc != vector) {
                    fail("UNDEFINED " + describe(word, mode, cpsr, regs) + " ended in " + after + " at "
                            + Integer.toHexString(cpu.pc)
                            + ", not in " + expected + " at " + Integer.toHexString(vector));
                }
            }
        }
        System.out.printf("ExecutionFuzzTest: %,d words from seed %#x (%,d UNDEFINED with their condition passing)"
                + " in %.2f s%n",
                WORDS, SEED, undefined, (System.nanoTime() - start) / 1e9);
    }

    /** Random registers in every bank, SPSRs, ELR_hyp, flags and a few control bits; then {@code mode}. */
    private static void randomState(Cpu cpu, Random random, Mode mode) {
        for (Mode m : MODES) {
            cpu.setMode(m);
            cpu.setSpsr(random.nextInt());
            for (int r = 8; r < 15; r++) {
                cpu.r[r] = value(random);
            }
        }
        for (int r = 0; r < 8; r++) {
            cpu.r[r] = value(random);
        }
        cpu.elrHyp = value(random);
        // NZCVQ, GE, E, A, I, F from the dice; T = 0 (Thumb is a later issue), IT = 0, J = 0.
        int psr = random.nextInt() & (0xF80F_0000 | Psr.E | Psr.A | Psr.I | Psr.F);
        cpu.setCpsr(psr | mode.bits);
        // SCTLR.A (alignment checks), V (high vectors), EE and TE (the state exceptions enter in),
        // and HSCTLR.EE, TE from the dice; the MMU stays off (it is a later issue).
        int dice = random.nextInt();
        int sctlrBits = SystemRegisters.SCTLR_A | SystemRegisters.SCTLR_V | SystemRegisters.SCTLR_EE
                | SystemRegisters.SCTLR_TE;
        cpu.sys.sctlr = (cpu.sys.sctlr & ~sctlrBits & ~SystemRegisters.SCTLR_M) | (dice & sctlrBits);
        int hsctlrBits = SystemRegisters.HSCTLR_EE | SystemRegisters.HSCTLR_TE;
        cpu.sys.hsctlr = (cpu.sys.hsctlr & ~hsctlrBits) | (random.nextInt() & hsctlrBits);
        cpu.exclusiveOpen = random.nextBoolean();
        cpu.exclusiveAddress = value(random) & 0xFFFF_FFFFL;
        cpu.waitingForInterrupt = false;
    }

    /**
     * Half the values point into RAM (so loads, stores and LDM/STM often succeed); the rest are
     * anywhere, small, at the edges of RAM and of the address space (accesses that straddle them),
     * or in the UART and system-register windows.
     */
    private static int value(Random random) {
        return switch (random.nextInt(8)) {
            case 0, 1, 2, 3 -> (int) RAM_BASE + random.nextInt(RAM_BYTES);
            case 4 -> random.nextInt();
            case 5 -> random.nextInt(64) - 8;
            case 6 -> switch (random.nextInt(3)) {
                case 0 -> (int) RAM_BASE + RAM_BYTES - random.nextInt(16);   // the last bytes of RAM
                case 1 -> (int) RAM_BASE - random.nextInt(16);               // just below RAM
                default -> -random.nextInt(16);                               // the top of the address space
            };
            default -> (int) (random.nextBoolean() ? Machine.VEXPRESS_UART0 : Machine.VEXPRESS_SYSREGS)
                    + random.nextInt(0x1000) - 8;
        };
    }

    private static String describe(int word, Mode mode, int cpsr, int[] regs) {
        StringBuilder s = new StringBuilder(String.format("%08x in %s, CPSR %08x, r:", word, mode, cpsr));
        for (int r = 0; r < 15; r++) {
            s.append(String.format(" %08x", regs[r]));
        }
        return s.toString();
    }
}
