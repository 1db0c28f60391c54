package org.hyplab.scenario;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.hyplab.board.BoardDescription;

/**
 * Writes a scenario to a folder so that it boots without HypLab, for comparison:
 * <ul>
 *   <li>{@code hypervisor.bin}, the guests' kernels {@code dN-NAME.zImage} (the exact boot
 *       modules) and the board's device tree {@code BOARD.dtb};</li>
 *   <li>{@code qemu.sh}: the same scenario on {@code qemu-system-arm -M vexpress-a15,secure=off
 *       -smp 2 -m 256}, the kernels loaded with {@code -device loader}. QEMU has no Arndale, and
 *       virtualization hides the board from the guests, so an Arndale scenario is booted on the
 *       Versatile Express: the folder then also holds {@code vexpress-a15.dtb}, the same
 *       scenario laid out for that board;</li>
 *   <li>{@code xen.sh}: the same guests as dom0less domUs of real Xen 4.17 (Debian's
 *       xen-hypervisor-4.17-armhf, which {@code ./hyplab setup} fetches) on the same QEMU with
 *       the same device tree, which carries {@code xen,xen-bootargs}.</li>
 * </ul>
 * Real Xen 4.17 loads only zImages (XEN-ABI.md §6), so an export takes no ELF guest.
 */
public final class ScenarioExport {

    /** QEMU's board and memory for both scripts (XEN-ABI.md appendix; secure=off enters Hyp mode). */
    public static final String QEMU_MACHINE = "vexpress-a15,secure=off";
    public static final int QEMU_MEM_MIB = 256;
    public static final String QEMU_BOARD = "vexpress-a15";
    public static final String HYPERVISOR_FILE = "hypervisor.bin";
    public static final String QEMU_SCRIPT = "qemu.sh";
    public static final String XEN_SCRIPT = "xen.sh";

    private ScenarioExport() {
    }

    /** Refuses a scenario that real Xen could not boot (an ELF guest). */
    public static void checkExportable(Scenario scenario) {
        for (Domain d : scenario.domains()) {
            if (d.guest().kernel().kind() != GuestKernel.Kind.ZIMAGE) {
                throw new ScenarioException(String.format("d%d %s: is an ELF; an export also boots on real Xen 4.17, "
                        + "which loads only zImages (XEN-ABI.md §6): give this guest as a zImage", d.id(), d.guest().name()));
            }
        }
    }

    /**
     * Writes {@code scenario} into {@code dir}.
     *
     * @param scenario   the scenario on its own board
     * @param onQemu     the same guests laid out on the Versatile Express with 256 MiB, which
     *                   the scripts boot ({@code scenario} itself when that is its board)
     * @param hypervisor the hypervisor image's bytes
     * @return the files written, in the order written
     */
    public static List<Path> write(Scenario scenario, Scenario onQemu, byte[] hypervisor, Path dir) throws IOException {
        checkExportable(scenario);
        if (!onQemu.board().id().equals(QEMU_BOARD) || onQemu.memBytes() != (long) QEMU_MEM_MIB << 20
                || onQemu.domains().size() != scenario.domains().size()) {
            throw new IllegalArgumentException("onQemu must be the same guests on the vexpress-a15 with 256 MiB");
        }
        Files.createDirectories(dir);
        List<Path> written = new ArrayList<>();
        written.add(Files.write(dir.resolve(HYPERVISOR_FILE), hypervisor));
        List<String> moduleFiles = new ArrayList<>();
        for (Domain d : scenario.domains()) {
            String file = moduleFile(d);
            moduleFiles.add(file);
            written.add(Files.write(dir.resolve(file), d.guest().kernel().bytes()));
        }
        BoardDescription board = scenario.board();
        written.add(Files.write(dir.resolve(board.id() + ".dtb"), scenario.deviceTree()));
        if (onQemu != scenario) {
            written.add(Files.write(dir.resolve(QEMU_BOARD + ".dtb"), onQemu.deviceTree()));
        }
        written.add(script(dir.resolve(QEMU_SCRIPT), qemuScript(scenario, onQemu, moduleFiles)));
        written.add(script(dir.resolve(XEN_SCRIPT), xenScript(scenario, onQemu, moduleFiles)));
        return written;
    }

    /** {@code dN-NAME.zImage}: the domain number keeps two guests of the same name apart. */
    static String moduleFile(Domain d) {
        String name = d.guest().name().replaceFirst("(?i)\\.(zimage|zimg|bin|img)$", "").replaceAll("[^A-Za-z0-9_-]", "_");
        return "d" + d.id() + "-" + name + ".zImage";
    }

    private static String qemuScript(Scenario scenario, Scenario onQemu, List<String> moduleFiles) {
        StringBuilder s = new StringBuilder();
        s.append("#!/bin/sh\n");
        s.append("# Written by ./hyplab export: ").append(describe(scenario)).append('\n');
        s.append("# Boots HypLab's hypervisor with these guests on QEMU, for comparison with\n");
        s.append("#   ./hyplab run --board ").append(scenario.board().id()).append(" --mem ")
                .append(scenario.memBytes() >> 20).append(" --hypervisor").append(guestOptions(scenario)).append('\n');
        if (onQemu != scenario) {
            s.append("# QEMU has no ").append(scenario.board().id()).append(" board. Virtualization hides the board from\n");
            s.append("# the guests, so this boots the same guests on QEMU's vexpress-a15 with HypLab's Versatile\n");
            s.append("# Express tree (").append(QEMU_BOARD).append(".dtb, the same scenario laid out for that board);\n");
            s.append("# the guests' lines must be the same, the hypervisor's (XEN) lines name the other board.\n");
        }
        s.append("# The hypervisor powers the board off when the last domain has gone.\n");
        s.append(common(onQemu, HYPERVISOR_FILE, moduleFiles));
        return s.toString();
    }

    private static String xenScript(Scenario scenario, Scenario onQemu, List<String> moduleFiles) {
        StringBuilder s = new StringBuilder();
        s.append("#!/bin/sh\n");
        s.append("# Written by ./hyplab export: ").append(describe(scenario)).append('\n');
        s.append("# Boots the same guests as dom0less domUs of real Xen 4.17 (Debian's xen-hypervisor-4.17-armhf;\n");
        s.append("# ./hyplab setup fetches it) on QEMU's vexpress-a15, with the same device tree: its /chosen has\n");
        s.append("# xen,xen-bootargs and the domU nodes (XEN-ABI.md §7 and appendix). Xen prints console_io\n");
        s.append("# output as (d1) text and vpl011 output as (XEN) DOM1: text. Xen never powers the board off:\n");
        s.append("# stop QEMU with Ctrl-A X (or run this under timeout).\n");
        if (scenario.domains().isEmpty()) {
            s.append("# This scenario has no guests: Xen, with no domain to build, panics.\n");
        }
        s.append("XEN=${XEN:-${XDG_CACHE_HOME:-$HOME/.cache}/hyplab/xen-4.17/xen-4.17-armhf}\n");
        s.append("if [ ! -f \"$XEN\" ]; then\n");
        s.append("    echo \"xen.sh: no Xen 4.17 at $XEN (./hyplab setup fetches it; or set XEN=FILE)\" >&2\n");
        s.append("    exit 1\n");
        s.append("fi\n");
        s.append("case $XEN in /*) ;; *) XEN=$PWD/$XEN ;; esac\n");
        s.append(common(onQemu, "\"$XEN\"", moduleFiles));
        return s.toString();
    }

    private static String common(Scenario onQemu, String kernel, List<String> moduleFiles) {
        StringBuilder s = new StringBuilder();
        s.append("cd \"$(dirname \"$0\")\" || exit 1\n");
        s.append("export QEMU_AUDIO_DRV=none\n");
        s.append("exec qemu-system-arm -M ").append(QEMU_MACHINE).append(" -smp 2 -m ").append(QEMU_MEM_MIB)
                .append(" -nographic -monitor none -no-reboot \\\n");
        s.append("    -kernel ").append(kernel).append(" -dtb ").append(QEMU_BOARD).append(".dtb \\\n");
        for (int i = 0; i < onQemu.domains().size(); i++) {
            s.append(String.format(Locale.ROOT, "    -device loader,file=%s,addr=0x%08x,force-raw=on \\%n",
                    moduleFiles.get(i), onQemu.domains().get(i).moduleAddress()));
        }
        s.append("    \"$@\"\n");
        return s.toString();
    }

    private static String guestOptions(Scenario scenario) {
        StringBuilder s = new StringBuilder();
        for (Domain d : scenario.domains()) {
            GuestKernel k = d.guest().kernel();
            boolean isFile = k.file().getFileName() != null && k.name().equals(k.file().getFileName().toString());
            s.append(" --guest ").append(isFile ? k.file().toAbsolutePath().toString() : k.name());
            if (d.guest().cpus() != Guest.DEFAULT_CPUS) {
                s.append(",cpus=").append(d.guest().cpus());
            }
            if (d.guest().memBytes() != Guest.DEFAULT_MEMORY) {
                s.append(",memory=").append(d.guest().memBytes() >> 20);
            }
            if (!d.guest().bootargs().equals(Guest.DEFAULT_BOOTARGS)) {
                s.append(",bootargs='").append(d.guest().bootargs().replace("'", "'\\''")).append('\'');
            }
        }
        return s.toString();
    }

    private static String describe(Scenario scenario) {
        StringBuilder s = new StringBuilder("board ").append(scenario.board().id()).append(", ");
        if (scenario.domains().isEmpty()) {
            return s.append("no guests").toString();
        }
        for (Domain d : scenario.domains()) {
            s.append(d.id() > 1 ? ", " : "").append('d').append(d.id()).append(' ').append(d.guest().name())
                    .append(" (").append(d.guest().cpus()).append(" CPU, ").append(d.guest().memBytes() >> 20).append(" MiB)");
        }
        return s.toString();
    }

    private static Path script(Path file, String text) throws IOException {
        Files.writeString(file, text);
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
        } catch (UnsupportedOperationException e) {
            // not a POSIX file system: run it with sh
        }
        return file;
    }
}
