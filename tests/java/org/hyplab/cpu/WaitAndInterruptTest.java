package org.hyplab.cpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * WFI/WFE with the Event Register and the HCR.TWI/TWE traps (ARM ARM B1.8.12, B1.8.13, B1.14.9),
 * and interrupt routing: virtual IRQs (HCR.IMO + VI) and physical IRQs routed to Hyp mode
 * (B1.14.?). QEMU 7.2 never traps WFE, so the WFE cases are checked here against the manual.
 */
class WaitAndInterruptTest {

    static final int WFE = 0xE320_F002, WFI = 0xE320_F003, SEV = 0xE320_F004, NOP = 0xE320_F000;
    static final int CPSIE_I = 0xF108_0080;
    static final int HVBAR = CpuTestBench.RAM + 0x1000, VBAR = CpuTestBench.RAM + 0x2000;

    final CpuTestBench bench = new CpuTestBench();
    final Cpu cpu = bench.cpu;

    WaitAndInterruptTest() {
        cpu.sys.hvbar = HVBAR;
        cpu.sys.vbar = VBAR;
        cpu.setMode(Mode.SVC);
        cpu.setCpsrBits(Psr.A | Psr.I | Psr.F, Psr.A | Psr.I | Psr.F);
    }

    void hcr(int value) {
        cpu.sys.hcr = value;
        cpu.interruptInputsChanged();
    }

    @Test
    void wfeWithTheEventRegisterClearIsTrappedByTwe() {
        hcr(SystemRegisters.HCR_TWE);
        int at = cpu.pc;
        bench.run(WFE);
        assertEquals(Mode.HYP, cpu.mode());
        assertEquals(HVBAR + 0x14, cpu.pc);
        assertEquals(at, cpu.elrHyp, "ELR_hyp is the trapped WFE itself");
        // EC 0x01, IL = 1, CV = 1, COND = 0xE, TI = 1 (WFE)
        assertEquals(0x07E0_0001, cpu.sys.hsr);
    }

    @Test
    void sevSetsTheEventRegisterAndWfeConsumesItWithoutATrap() {
        hcr(SystemRegisters.HCR_TWE);
        int at = cpu.pc;
        bench.run(SEV, WFE);
        assertEquals(Mode.SVC, cpu.mode());
        assertEquals(at + 8, cpu.pc);
        assertFalse(cpu.eventRegister);
        bench.run(WFE);
        assertEquals(Mode.HYP, cpu.mode(), "the second WFE finds the register clear");
    }

    @Test
    void wfiIsTrappedByTwiWithSyndromeTiZero() {
        hcr(SystemRegisters.HCR_TWI);
        bench.run(WFI);
        assertEquals(Mode.HYP, cpu.mode());
        assertEquals(0x07E0_0000, cpu.sys.hsr);
    }

    @Test
    void anUntrappedWfeWaitsUntilAnEvent() {
        bench.run(WFE);
        assertTrue(cpu.waitingForInterrupt);
        assertFalse(cpu.canRun());
        cpu.receiveEvent();
        assertTrue(cpu.canRun());
        assertFalse(cpu.eventRegister, "the event that woke the WFE is consumed");
    }

    @Test
    void aVirtualIrqIsTakenByTheGuestOnceItUnmasksIrqs() {
        hcr(SystemRegisters.HCR_IMO | SystemRegisters.HCR_VI);
        bench.run(NOP);
        assertEquals(Mode.SVC, cpu.mode(), "masked by CPSR.I");
        int cpsie = cpu.pc;
        bench.run(CPSIE_I, NOP);
        assertEquals(Mode.IRQ, cpu.mode());
        assertEquals(VBAR + 0x18 + 4, cpu.pc, "the NOP after the entry ran at the vector");
        assertEquals(cpsie + 4 + 4, cpu.r[14], "LR_irq = next instruction + 4");
    }

    @Test
    void hcrViWithoutImoIsNotAnInterrupt() {
        hcr(SystemRegisters.HCR_VI);
        bench.run(CPSIE_I, NOP, NOP);
        assertEquals(Mode.SVC, cpu.mode());
        assertFalse(cpu.interruptPending());
    }

    @Test
    void aPhysicalIrqRoutedToHypIgnoresTheGuestsMask() {
        hcr(SystemRegisters.HCR_IMO);
        int next = cpu.pc;
        cpu.setInterruptLines(true, false, false, false);
        bench.run(NOP);
        assertEquals(Mode.HYP, cpu.mode());
        assertEquals(HVBAR + 0x18 + 4, cpu.pc);
        assertEquals(next, cpu.elrHyp, "ELR_hyp = the instruction the IRQ preempted");
    }
}
