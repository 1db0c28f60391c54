package org.hyplab.board;

import java.util.List;
import java.util.Optional;

/**
 * One board as {@code boards/<id>.yaml} describes it: everything the machine is assembled from
 * and the device tree is generated from, so the two cannot disagree.
 *
 * @param id              the file name without {@code .yaml}, how lessons and the CLI name the board
 * @param name            the board's full name
 * @param summary         one or two sentences for people choosing a board
 * @param cpu             the CPU model of each core, e.g. {@code Cortex-A15}
 * @param cpus            how many cores
 * @param compatible      the root node's device-tree {@code compatible} strings, most specific first
 * @param qemuMachine     the QEMU {@code -M} machine that models the same board, when there is one:
 *                        the oracle conformance tests compare against
 * @param model           the device tree's root {@code model}
 * @param machineId       the ARM Linux machine type number passed in r1 to a zImage
 * @param counterHz       the generic timer's system counter frequency (CNTFRQ out of reset)
 * @param defaultMemBytes the main memory ({@code dram}) a run gets without {@code --mem}
 * @param memory          memory regions, {@code dram} among them
 * @param gic             the interrupt controller's windows
 * @param timerInterrupts the generic timer's PPI IDs in device-tree order: secure physical,
 *                        non-secure physical, virtual, hypervisor (29, 30, 27, 26)
 * @param devices         the memory-mapped devices, in address order
 * @param console         the {@link DeviceSpec#name} of the UART that is {@code serial0} and the console
 * @param secondaryBoot   where secondaries of a Linux-style kernel wait
 */
public record BoardDescription(String id, String name, String summary, String cpu, int cpus,
                               List<String> compatible, Optional<String> qemuMachine,
                               String model, int machineId, int counterHz, long defaultMemBytes,
                               List<MemoryRegion> memory, GicLayout gic, List<Integer> timerInterrupts,
                               List<DeviceSpec> devices, String console, SecondaryBoot secondaryBoot) {

    public BoardDescription {
        compatible = List.copyOf(compatible);
        memory = List.copyOf(memory);
        timerInterrupts = List.copyOf(timerInterrupts);
        devices = List.copyOf(devices);
    }

    /** This board with {@code n} CPUs (a run's {@code --smp}), e.g. for its device tree. */
    public BoardDescription withCpus(int n) {
        return new BoardDescription(id, name, summary, cpu, n, compatible, qemuMachine, model, machineId, counterHz,
                defaultMemBytes, memory, gic, timerInterrupts, devices, console, secondaryBoot);
    }

    /** The main memory region, named {@code dram}. */
    public MemoryRegion dram() {
        return memory.stream().filter(m -> m.name().equals("dram")).findFirst()
                .orElseThrow(() -> new IllegalStateException(id + " has no dram region"));
    }

    /** The device called {@code name}, if the board has one. */
    public Optional<DeviceSpec> device(String name) {
        return devices.stream().filter(d -> d.name().equals(name)).findFirst();
    }

    /** The console UART. */
    public DeviceSpec consoleDevice() {
        return device(console).orElseThrow(() -> new IllegalStateException(id + " has no device " + console));
    }
}
