package org.hyplab.disasm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

/** Words that are no instruction of the Cortex-A15, and the disassembler's robustness. */
class UndefinedTest {

    @Test
    void undefinedWordsPrintObjdumpsMarker() {
        // Expected texts from objdump 2.40 -m armv7 (the "@ <UNDEFINED> instruction: ..." comment
        // is all objdump prints for these words; HypLab returns it without the "@").
        Expectations.assertAll(new String[][] {
            {"ffffffff", "<UNDEFINED> instruction: 0xffffffff"},
            {"f0000000", "<UNDEFINED> instruction: 0xf0000000"},
            {"0c000a00", "<UNDEFINED> instruction: 0x0c000a00"},
            {"e6000010", "<UNDEFINED> instruction: 0xe6000010"},
            {"e0500090", "<UNDEFINED> instruction: 0xe0500090"},
            {"e1a10002", "<UNDEFINED> instruction: 0xe1a10002"},
            // objdump prints "vld1.32" and then the undefined comment: the lane index is invalid.
            {"f4a0084d", "<UNDEFINED> instruction: 0xf4a0084d"},
        });
    }

    @Test
    void armv8EncodingsObjdumpGatesFallThroughAsOnArmv7() {
        // CRC32B r0, r1, r2 and SEVL: objdump -m armv7 itself prints these. So it does for
        // STLEX, LDAEXD, VJCVT, half-precision VFP arithmetic and VRINTR in the unconditional
        // space. (The ARMv8 encodings objdump does decode are in Armv8Test.)
        Expectations.assertAll(new String[][] {
            {"e1010042", "tst\tr1, r2, asr #32"},
            {"e320f005", "nop\t{5}"},
            {"e1821e93", "<UNDEFINED> instruction: 0xe1821e93"},
            {"e1b02e9f", "lsls\tr2, pc"},
            {"0eb90bc0", "<UNDEFINED> instruction: 0x0eb90bc0"},
            {"0e300900", "<UNDEFINED> instruction: 0x0e300900"},
            {"feb60a40", "<UNDEFINED> instruction: 0xfeb60a40"},
        });
    }

    @Test
    void theUnpredictableHintFormIsNotInTheUnconditionalSpace() {
        // MSR (immediate) with no fields is printed as a hint, but not with cond = 1111.
        Expectations.assertAll(new String[][] {
            {"e3205c00", "nop\t{0}"},
            {"f3205c00", "<UNDEFINED> instruction: 0xf3205c00"},
        });
    }

    @Test
    void everyWordGivesTextAndNoException() {
        SplittableRandom random = new SplittableRandom(42);
        for (int i = 0; i < 200_000; i++) {
            int word = random.nextInt();
            String text = A32Disassembler.disassemble(word, random.nextInt());
            assertNotNull(text);
            assertFalse(text.isEmpty(), Integer.toHexString(word));
            assertFalse(text.contains("\u0000"), Integer.toHexString(word));
        }
        // Corner cases of every field at once.
        for (int word : new int[] {0, -1, 0x80000000, 0x7fffffff, 0xf0000000, 0x0fffffff}) {
            assertNotNull(A32Disassembler.disassemble(word, -4));
        }
    }

    @Test
    void isFastEnoughForAMillionWords() {
        SplittableRandom random = new SplittableRandom(7);
        int[] words = random.ints(1_000_000).toArray();
        A32Disassembler.disassemble(words[0], 0); // load the tables
        long start = System.nanoTime();
        long length = 0;
        for (int i = 0; i < words.length; i++) {
            length += A32Disassembler.disassemble(words[i], 4 * i).length();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        assertTrue(length > 0);
        assertTrue(seconds < 10, "10^6 words took " + seconds + " s");
    }

    @Test
    void textHasMnemonicTabOperands() {
        assertEquals("mov\tr0, #1", A32Disassembler.disassemble(0xe3a00001, 0));
        assertEquals("bl\t0x1000", A32Disassembler.disassemble(0xeb0003fe, 0));
        assertEquals("nop", A32Disassembler.disassemble(0xe1a00000, 0));
    }
}
