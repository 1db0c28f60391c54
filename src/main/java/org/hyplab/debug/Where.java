package org.hyplab.debug;

import java.util.Optional;

import org.hyplab.cpu.Cpu;
import org.hyplab.cpu.Mode;
import org.hyplab.elf.SourceLine;

/**
 * Where one CPU is: its mode and space (hypervisor, a domain, the bare machine), its PC, and
 * what that PC is in the space's image: the function and, with line tables, the source line.
 *
 * @param on       whether the core is powered (a CPU held off or switched off by PSCI is not)
 * @param waiting  whether it sleeps in WFI/WFE
 * @param image    the image that holds the space's code, if one is known
 * @param function "name+0xoff", or empty
 * @param source   "file:line", or empty
 */
public record Where(int cpu, Mode mode, Space space, int pc, boolean on, boolean waiting, String image,
                    Optional<String> function, Optional<SourceLine> source) {

    static Where of(Cpu c, Space space, boolean on, Optional<Image> image) {
        long pc = Integer.toUnsignedLong(c.pc);
        return new Where(c.index, c.mode(), space, c.pc, on, c.waitingForInterrupt, image.map(Image::name).orElse(""),
                image.flatMap(i -> i.function(pc)), image.flatMap(i -> i.line(pc)));
    }

    /** "CPU0 SVC d1 80008010 in main+0x10 at hello.c:12". */
    public String describe() {
        StringBuilder s = new StringBuilder(String.format("CPU%d %s %s %08x", cpu, on ? mode : "off", space.label(), pc));
        function.ifPresent(f -> s.append(" in ").append(f));
        source.ifPresent(l -> s.append(" at ").append(l.file().replaceAll(".*/", "")).append(':').append(l.line()));
        if (waiting) {
            s.append(" (waiting for an interrupt)");
        }
        return s.toString();
    }
}
