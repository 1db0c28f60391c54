package org.hyplab.conformance;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.hyplab.cpu.Psr;
import org.hyplab.machine.Machine;
import org.hyplab.testing.Emulator;
import org.hyplab.testing.Qemu;
import org.hyplab.testing.TestProject;

/**
 * The random-sequence conformance harness: blocks from {@link RandomA32} are written out as an
 * assembly file of {@code .inst} words, linked with tests/arm/risu/risu.c and the test runtime
 * by {@code arm-none-eabi-gcc}, and run on QEMU and on HypLab; each block prints its final
 * registers, CPSR and a hash of its scratch window, and the two transcripts must agree. Each
 * seed's program runs in one translation regime ({@link #regime}): the MMU off, stage 1 in
 * either format, stages 1+2 or the Hyp stage 1, with the window mapped to scrambled pages.
 *
 * <p>On a difference the report names the first differing block with its initial state, its
 * disassembly ({@code arm-none-eabi-objdump}) and the differing registers, and then runs every
 * prefix of that block on both to name the first instruction whose result differs.
 */
public final class RandomSequences {

    /** The shortest and longest block. */
    static final int MIN_BLOCK = 8, MAX_BLOCK = 48;

    /** The fields of a block line, after its index (tests/arm/risu/risu.c). */
    private static final String[] NAMES = {"r0", "r1", "r2", "r3", "r4", "r5", "r6", "r7", "r8", "r9", "r10",
        "r11", "r12", "r13", "r14", "cpsr", "spsr", "mem", "r8_usr", "r9_usr", "r10_usr", "r11_usr", "r12_usr",
        "sp_usr", "lr_usr", "r8_fiq", "r9_fiq", "r10_fiq", "r11_fiq", "r12_fiq", "sp_fiq", "lr_fiq", "sp_irq",
        "lr_irq", "sp_abt", "lr_abt", "sp_und", "lr_und", "spsr_fiq", "spsr_irq", "spsr_abt", "spsr_und"};

    /**
     * The translation regime a program runs its blocks in (tests/arm/risu/risu.c): Hyp mode or
     * from SVC mode (every PL0/PL1 mode), and the MMU off, the PL1&amp;0 stage 1 in the short or the
     * long descriptor format, stage 2 under it (the blocks run as a guest), or the Hyp stage 1.
     */
    public enum Regime {
        SVC_MMU_OFF(false, 0, false, "SVC, MMU off"),
        HYP_MMU_OFF(true, 0, false, "Hyp, MMU off"),
        SVC_STAGE1_SHORT(false, 1, false, "SVC, stage 1 short descriptors"),
        SVC_STAGE1_LONG(false, 2, false, "SVC, stage 1 long descriptors"),
        SVC_STAGES12_SHORT(false, 1, true, "SVC guest, stage 1 short descriptors + stage 2"),
        SVC_STAGES12_LONG(false, 2, true, "SVC guest, stage 1 long descriptors + stage 2"),
        HYP_STAGE1(true, 2, false, "Hyp, Hyp stage 1");

        /** Blocks in Hyp mode rather than from SVC mode. */
        public final boolean hyp;
        /** risu_mmu: 0 off, 1 short descriptors, 2 long descriptors. */
        final int mmu;
        /** risu_stage2: stage 2 on under the PL1&amp;0 stage 1. */
        final boolean stage2;
        private final String description;

        Regime(boolean hyp, int mmu, boolean stage2, String description) {
            this.hyp = hyp;
            this.mmu = mmu;
            this.stage2 = stage2;
            this.description = description;
        }

        @Override
        public String toString() {
            return description;
        }
    }

    /**
     * The regime of each seed, by seed mod 8: any eight consecutive seeds cover all seven (the Hyp
     * stage 1 twice), and odd seeds run in Hyp mode but those = 7 (mod 8).
     */
    private static final Regime[] REGIMES = {Regime.SVC_MMU_OFF, Regime.HYP_MMU_OFF, Regime.SVC_STAGE1_SHORT,
        Regime.HYP_STAGE1, Regime.SVC_STAGE1_LONG, Regime.HYP_STAGE1, Regime.SVC_STAGES12_SHORT,
        Regime.SVC_STAGES12_LONG};

    /** What running one seed found. */
    public record Outcome(long seed, Regime regime, int blocks, long instructions, String mismatch) {
        public boolean ok() {
            return mismatch == null;
        }
    }

    private RandomSequences() {
    }

    /** The regime seed {@code seed} runs in: {@code REGIMES[seed mod 8]}. */
    public static Regime regime(long seed) {
        return REGIMES[(int) Math.floorMod(seed, REGIMES.length)];
    }

    /** The blocks of one seed: random lengths until {@code instructions} are reached. */
    public static List<RandomA32.Block> blocks(long seed, long instructions) {
        RandomA32 generator = new RandomA32(seed, regime(seed).hyp, regime(seed).mmu != 0);
        Random lengths = new Random(~seed);
        List<RandomA32.Block> blocks = new ArrayList<>();
        long total = 0;
        while (total < instructions) {
            RandomA32.Block b = generator.block(MIN_BLOCK + lengths.nextInt(MAX_BLOCK - MIN_BLOCK + 1));
            blocks.add(b);
            total += b.words().length;
        }
        return blocks;
    }

    /** Generates, builds and runs about {@code instructions} random instructions from {@code seed}. */
    public static Outcome run(long seed, long instructions) throws IOException, InterruptedException {
        List<RandomA32.Block> blocks = blocks(seed, instructions);
        long count = blocks.stream().mapToLong(b -> b.words().length).sum();
        Path dir = Files.createTempDirectory("hyplab-risu-" + seed + "-");
        Regime regime = regime(seed);
        Path elf = build(dir, blocks, regime);
        Transcripts t = runBoth(elf, blocks.size());
        int first = t.firstDifference();
        if (first < 0) {
            deleteTree(dir);
            return new Outcome(seed, regime, blocks.size(), count, null);
        }
        String report = describe(seed, dir, elf, blocks, first, t);
        return new Outcome(seed, regime, blocks.size(), count, report);
    }

    // ---- building ------------------------------------------------------------------------------

    /** Writes {@code blocks.S} into {@code dir} and links it with the harness into {@code risu.elf}. */
    static Path build(Path dir, List<RandomA32.Block> blocks, Regime regime) throws IOException, InterruptedException {
        StringBuilder s = new StringBuilder(blocks.size() * 400);
        s.append("@ Generated by org.hyplab.conformance.RandomA32: ").append(blocks.size()).append(" blocks\n");
        s.append("\t.syntax unified\n\t.arm\n\t.text\n\t.balign 4\n");
        for (int i = 0; i < blocks.size(); i++) {
            s.append("risu_b").append(i).append(":\n");
            for (int w : blocks.get(i).words()) {
                s.append("\t.inst 0x").append(String.format("%08x", w)).append('\n');
            }
            s.append("\tb\trisu_done\n");
        }
        s.append("\t.data\n\t.balign 4\n\t.global risu_blocks\n\t.global risu_block_count\n");
        s.append("\t.global risu_hyp_mode\nrisu_hyp_mode:\n\t.word ").append(regime.hyp ? 1 : 0).append('\n');
        s.append("\t.global risu_mmu\nrisu_mmu:\n\t.word ").append(regime.mmu).append('\n');
        s.append("\t.global risu_stage2\nrisu_stage2:\n\t.word ").append(regime.stage2 ? 1 : 0).append('\n');
        s.append("risu_block_count:\n\t.word ").append(blocks.size()).append('\n');
        s.append("risu_blocks:\n");
        for (int i = 0; i < blocks.size(); i++) {
            RandomA32.Block b = blocks.get(i);
            s.append("\t.word ");
            for (int r = 0; r < 15; r++) {
                s.append(String.format("0x%08x, ", b.regs()[r]));
            }
            s.append(String.format("risu_b%d, 0x%08x, 0x%08x, %d, 0x%02x%n", i, b.flags(), b.memSeed(), b.baseReg(),
                    b.mode()));
        }
        Path source = dir.resolve("blocks.S");
        Files.writeString(source, s, StandardCharsets.US_ASCII);
        Path arm = TestProject.repositoryRoot().resolve("tests/arm");
        Path common = arm.resolve("common");
        Path elf = dir.resolve("risu.elf");
        exec(dir, List.of("arm-none-eabi-gcc", "-marm", "-march=armv7ve", "-g", "-O2", "-std=gnu11",
                "-ffreestanding", "-fno-builtin", "-nostdlib", "-nostartfiles", "-static", "-Wl,--build-id=none",
                "-I" + common, "-T", common.resolve("vexpress.ld").toString(), "-o", elf.toString(),
                common.resolve("start.S").toString(), common.resolve("runtime.c").toString(),
                common.resolve("format.c").toString(),
                arm.resolve("risu/risu.c").toString(), source.toString()));
        return elf;
    }

    // ---- running -------------------------------------------------------------------------------

    /** The lines each side printed, one per block (index = block). */
    record Transcripts(List<String> qemu, List<String> hyplab, String qemuText, String hyplabText, int blocks) {
        /** The first block whose line differs (or is missing on either side), or -1. */
        int firstDifference() {
            for (int i = 0; i < blocks; i++) {
                String q = i < qemu.size() ? qemu.get(i) : null;
                String h = i < hyplab.size() ? hyplab.get(i) : null;
                if (q == null || !q.equals(h)) {
                    return i;
                }
            }
            return -1;
        }
    }

    /** Runs {@code elf} on QEMU (in another process) and on HypLab (here) at the same time. */
    static Transcripts runBoth(Path elf, int blocks) throws IOException, InterruptedException {
        CompletableFuture<Qemu.Run> qemu = CompletableFuture.supplyAsync(() -> {
            try {
                return Qemu.run(elf, "vexpress-a15,secure=off", 600);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        });
        Emulator.Run hyplab;
        try {
            hyplab = Emulator.runVexpress(elf, 10_000_000L + 200_000L * blocks);
        } catch (Exception e) {
            qemu.cancel(true);
            throw new AssertionError("HypLab could not run " + elf + ": " + e, e);
        }
        Qemu.Run oracle;
        try {
            oracle = qemu.get(700, TimeUnit.SECONDS);
        } catch (ExecutionException | java.util.concurrent.TimeoutException e) {
            throw new AssertionError("QEMU failed on " + elf + ": " + e, e);
        }
        if (oracle.exitCode() != 0) {
            throw new AssertionError("QEMU did not power off cleanly (exit " + oracle.exitCode() + ") on " + elf
                    + ":\n" + tail(oracle.text()));
        }
        String h = hyplab.text();
        if (hyplab.stop() != Machine.Stop.POWERED_OFF) {
            h += "\n[HypLab stopped: " + hyplab.stop() + "]";
        }
        return new Transcripts(blockLines(oracle.text()), blockLines(h), oracle.text(), h, blocks);
    }

    private static List<String> blockLines(String text) {
        return text.lines().map(String::strip).filter(l -> l.startsWith("b")).toList();
    }

    // ---- reporting -----------------------------------------------------------------------------

    private static String describe(long seed, Path dir, Path elf, List<RandomA32.Block> blocks, int first,
            Transcripts t) throws IOException, InterruptedException {
        RandomA32.Block block = blocks.get(first);
        StringBuilder r = new StringBuilder();
        r.append(String.format("RISU mismatch: seed %d (regime: %s), block %d of %d (files kept in %s)%n", seed,
                regime(seed), first, blocks.size(), dir));
        r.append(initialState(block));
        r.append("code:\n").append(disassemble(elf, "risu_b" + first));
        String q = first < t.qemu().size() ? t.qemu().get(first) : null;
        String h = first < t.hyplab().size() ? t.hyplab().get(first) : null;
        if (q == null || h == null) {
            r.append(q == null ? "QEMU" : "HypLab").append(" printed no line for this block; its output ends:\n")
                    .append(tail(q == null ? t.qemuText() : t.hyplabText())).append('\n');
            return r.toString();
        }
        r.append(differences(q, h));
        r.append(firstDivergingInstruction(dir, block, regime(seed)));
        return r.toString();
    }

    static String initialState(RandomA32.Block b) {
        StringBuilder r = new StringBuilder("initial state:");
        for (int i = 0; i < 15; i++) {
            r.append(String.format(" %s=%08x", NAMES[i], b.regs()[i]));
        }
        r.append(String.format("%n  mode=%s flags=%08x (%s) base=r%d (window middle; value above ignored)"
                + " mem_seed=%08x%n",
                org.hyplab.cpu.Mode.fromBits(b.mode()), b.flags(),
                Psr.describe(b.flags() | 0x13).replaceAll(" mode=.*", ""), b.baseReg(), b.memSeed()));
        return r.toString();
    }

    /** The registers that differ between two block lines. */
    static String differences(String qemu, String hyplab) {
        String[] q = qemu.split(" "), h = hyplab.split(" ");
        StringBuilder r = new StringBuilder("differs:\n");
        for (int i = 1; i < Math.max(q.length, h.length); i++) {
            String a = i < q.length ? q[i] : "-", b = i < h.length ? h[i] : "-";
            if (!a.equals(b)) {
                String name = i - 1 < NAMES.length ? NAMES[i - 1] : "?";
                r.append(String.format("  %-4s QEMU=%s HypLab=%s", name, a, b));
                if (name.startsWith("cpsr") || name.startsWith("spsr")) {
                    r.append(String.format("  [QEMU %s | HypLab %s]", Psr.describe((int) Long.parseLong(a, 16)),
                            Psr.describe((int) Long.parseLong(b, 16))));
                }
                r.append('\n');
            }
        }
        return r.toString();
    }

    /** Runs every prefix of {@code block} on both and names the first instruction after which they differ. */
    private static String firstDivergingInstruction(Path dir, RandomA32.Block block, Regime regime)
            throws IOException, InterruptedException {
        Path sub = Files.createDirectories(dir.resolve("prefixes"));
        List<RandomA32.Block> prefixes = new ArrayList<>();
        for (int n = 0; n <= block.words().length; n++) {
            prefixes.add(block.prefix(n));
        }
        Path elf = build(sub, prefixes, regime);
        Transcripts t = runBoth(elf, prefixes.size());
        int k = t.firstDifference();
        if (k <= 0) {
            return k == 0 ? "the block's initial state already differs (harness problem?)\n"
                    : "every prefix agrees when run alone (the difference needs the whole program)\n";
        }
        String code = disassemble(elf, "risu_b" + k);
        String[] lines = code.lines().filter(l -> l.matches("\\s*[0-9a-f]+:.*")).toArray(String[]::new);
        StringBuilder r = new StringBuilder();
        r.append(String.format("first instruction whose result differs: #%d%n", k - 1));
        r.append("  ").append(k - 1 < lines.length ? lines[k - 1].strip() : "?").append('\n');
        r.append("  state before it (both agree): ").append(t.qemu().get(k - 1)).append('\n');
        r.append(differences(t.qemu().get(k), t.hyplab().get(k)).replace("differs:", "after it:"));
        return r.toString();
    }

    /** The disassembly of one block (from its label to the closing branch). */
    static String disassemble(Path elf, String label) throws IOException, InterruptedException {
        String all = exec(elf.getParent(), List.of("arm-none-eabi-objdump", "-d", "--disassemble=" + label,
                elf.toString()));
        StringBuilder r = new StringBuilder();
        boolean in = false;
        for (String line : all.lines().toList()) {
            if (line.contains("<" + label + ">:")) {
                in = true;
                continue;
            }
            if (in) {
                if (line.isBlank()) {
                    break;
                }
                r.append("  ").append(line.strip()).append('\n');
            }
        }
        return r.toString();
    }

    // ---- helpers -------------------------------------------------------------------------------

    static String exec(Path dir, List<String> command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor() != 0) {
            throw new AssertionError(String.join(" ", command) + " failed:\n" + output);
        }
        return output;
    }

    private static String tail(String text) {
        List<String> lines = text.lines().toList();
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 5), lines.size()));
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
