package org.hyplab.cpu;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/**
 * The VFP/Advanced SIMD access checks in their architectural order (ARM ARM B4.1.80 HCPTR,
 * B4.1.40 CPACR, FPEXC.EN), the PMU (C12, HDCR.HPMN/TPM/TPMCR) and the CP14 traps (HDCR.TDA,
 * TDOSA, TDRA), including the cases where QEMU 7.2 departs from the manual and which
 * tests/arm/vmsa therefore leaves out (QEMU-DIFFERENCES.md). Expected syndromes are assembled
 * from the HSR fields of B3.13.6, not copied from the implementation.
 */
class FpPmuDebugTrapsTest {

    static final int HVBAR = CpuTestBench.RAM + 0x1000, VBAR = CpuTestBench.RAM + 0x2000;
    static final int VADD_F32 = 0xEE30_0A20;   // vadd.f32 s0, s0, s1 (cp10)
    static final int VADD_F64 = 0xEE30_0B01;   // vadd.f64 d0, d0, d1 (cp11)
    static final int VADD_I32 = 0xF220_0801;   // vadd.i32 d0, d0, d1 (Advanced SIMD, unconditional)
    static final int VMRS_R1_FPSCR = 0xEEF1_1A10, VMRS_R1_FPEXC = 0xEEF8_1A10, VMRS_R1_FPSID = 0xEEF0_1A10;
    static final int MRC_PMCR = 0xEE19_1F1C;       // mrc p15, 0, r1, c9, c12, 0
    static final int MRC_PMCEID0 = 0xEE19_1FDC;    // mrc p15, 0, r1, c9, c12, 6
    static final int MRC_PMCNTENSET = 0xEE19_1F3C; // mrc p15, 0, r1, c9, c12, 1
    static final int MRC_PMCCNTR = 0xEE19_1F1D;    // mrc p15, 0, r1, c9, c13, 0
    static final int MRC_PMXEVCNTR = 0xEE19_1F5D;  // mrc p15, 0, r1, c9, c13, 2
    static final int MRRC_DBGDRAR = 0xEC52_1E01;   // mrrc p14, 0, r1, r2, c1
    static final int MRC_DBGDSCRINT = 0xEE10_1E11; // mrc p14, 0, r1, c0, c1, 0
    static final int MRC_DBGPRCR = 0xEE11_1E94;    // mrc p14, 0, r1, c1, c4, 4
    static final int MRC_DBGDTRRX = 0xEE10_1E15;   // mrc p14, 0, r1, c0, c5, 0 (DCC: not implemented)

    final CpuTestBench bench = new CpuTestBench();
    final Cpu cpu = bench.cpu;

    FpPmuDebugTrapsTest() {
        cpu.sys.hvbar = HVBAR;
        cpu.sys.vbar = VBAR;
        cpu.setMode(Mode.SVC);
    }

    /** HSR of a trap: EC, IL = 1, CV = 1, COND = 0xE (AL), ISS. */
    static int hsr(int ec, int iss) {
        return ec << 26 | 1 << 25 | 1 << 24 | 0xE << 20 | iss;
    }

    /** HSR ISS of a trapped MRC (EC 0x03/0x05): Opc2, Opc1, CRn, Rt, CRm, Dir = 1. */
    static int mrcIss(int opc1, int crn, int crm, int opc2, int rt) {
        return opc2 << 17 | opc1 << 14 | crn << 10 | rt << 5 | crm << 1 | 1;
    }

    void assertGuestUndefined() {
        assertEquals(Mode.UND, cpu.mode());
        assertEquals(VBAR + 0x04, cpu.pc);
    }

    void assertHypTrap(int expectedHsr) {
        assertEquals(Mode.HYP, cpu.mode());
        assertEquals(HVBAR + 0x14, cpu.pc);
        assertEquals(expectedHsr, cpu.sys.hsr);
    }

    void fullFpAccess() {
        cpu.sys.cpacr = 0xF << 20;
        cpu.fp.fpexc = FpSystemRegisters.FPEXC_EN;
    }

    // ---- VFP and Advanced SIMD ------------------------------------------------------------------

    @Test
    void cpacrRefusalWinsOverTheHcptrTrap() {
        cpu.sys.hcptr = 3 << 10;
        bench.run(VMRS_R1_FPSCR);
        assertGuestUndefined();
    }

    @Test
    void hcptrTrapWinsOverFpexcDisabled() {
        cpu.sys.cpacr = 0xF << 20;
        cpu.sys.hcptr = 3 << 10;
        bench.run(VADD_F32);
        assertHypTrap(hsr(0x07, 0xA));
    }

    @Test
    void aCp11InstructionReportsCoprocessor11() {
        fullFpAccess();
        cpu.sys.hcptr = 3 << 10;
        bench.run(VADD_F64);
        assertHypTrap(hsr(0x07, 0xB));   // QEMU 7.2 reports 0xA for every trapped FP instruction
    }

    @Test
    void anAdvancedSimdInstructionTrappedByTcp10SetsTa() {
        fullFpAccess();
        cpu.sys.hcptr = 3 << 10;
        bench.run(VADD_I32);
        assertHypTrap(hsr(0x07, 1 << 5 | 0xA));
    }

    @Test
    void hcptrTaseTrapsAdvancedSimdButNotVfp() {
        fullFpAccess();
        cpu.sys.hcptr = 1 << 15;
        bench.run(VADD_I32);
        assertHypTrap(hsr(0x07, 1 << 5 | 0xA));
        cpu.setMode(Mode.SVC);
        cpu.pc = CpuTestBench.RAM + 0x100;
        bench.run(VMRS_R1_FPSCR);
        assertEquals(Mode.SVC, cpu.mode(), "TASE does not cover VFP instructions");
    }

    @Test
    void cpacrAsedisMakesAdvancedSimdUndefinedBeforeAnyTrap() {
        fullFpAccess();
        cpu.sys.cpacr |= 1 << 31;
        cpu.sys.hcptr = 3 << 10;
        bench.run(VADD_I32);
        assertGuestUndefined();
    }

    @Test
    void hcptrInHypModeIsUndefinedWithEcZero() {
        cpu.setMode(Mode.HYP);
        cpu.sys.hcptr = 3 << 10;
        bench.run(VMRS_R1_FPEXC);
        assertEquals(HVBAR + 0x04, cpu.pc);
        assertEquals(0, cpu.sys.hsr, "an UNDEFINED instruction in Hyp mode: EC 0x00, IL 0");
    }

    @Test
    void fpexcDisabledAllowsTheIdRegistersButNotFpscr() {
        cpu.sys.cpacr = 0xF << 20;
        cpu.r[1] = 0;
        bench.run(VMRS_R1_FPSID);
        assertEquals(0x4104_30F0, cpu.r[1]);
        bench.run(VMRS_R1_FPSCR);
        assertGuestUndefined();
    }

    @Test
    void hcrTid0TrapsFpsidWithTheMrcSyndrome() {
        fullFpAccess();
        cpu.sys.hcr = SystemRegisters.HCR_TID0;
        bench.run(VMRS_R1_FPSID);
        assertHypTrap(hsr(0x08, mrcIss(7, 0, 0, 0, 1)));   // VMRS is MRC p10, 7, Rt, c<reg>, c0, 0
    }

    // ---- Performance Monitors ------------------------------------------------------------------

    @Test
    void tpmcrAloneTrapsPmcrOnly() {
        cpu.sys.hdcr = 6 | SystemRegisters.HDCR_TPMCR;
        bench.run(MRC_PMCNTENSET);
        assertEquals(Mode.SVC, cpu.mode());
        bench.run(MRC_PMCR);
        assertHypTrap(hsr(0x03, mrcIss(0, 9, 12, 0, 1)));
    }

    @Test
    void pmceid0ListsTheA15CommonEvents() {
        bench.run(MRC_PMCEID0);
        assertEquals(Mode.SVC, cpu.mode(), "PMCEID0 exists in PMUv2 (QEMU 7.2 UNDEFs it)");
        assertEquals(0x3FFF_0F3F, cpu.r[1]);
    }

    @Test
    void hpmnHidesTheUpperCountersFromTheGuest() {
        cpu.sys.hdcr = 2;
        cpu.pmu.write(PerformanceMonitors.PMCNTENSET, -1);
        bench.run(MRC_PMCNTENSET);
        assertEquals(0x8000_0003, cpu.r[1], "counters 2-5 belong to Hyp mode (QEMU 7.2 shows them)");
        cpu.setMode(Mode.HYP);
        assertEquals(0x8000_0003, cpu.pmu.read(PerformanceMonitors.PMCNTENSET), "the guest could not set them");
        cpu.pmu.write(PerformanceMonitors.PMCNTENSET, 1 << 4);
        cpu.setMode(Mode.SVC);
        cpu.pmu.write(PerformanceMonitors.PMSELR, 4);
        cpu.pmu.write(PerformanceMonitors.PMXEVCNTR, 77);
        cpu.setMode(Mode.HYP);
        assertEquals(0x8000_0013, cpu.pmu.read(PerformanceMonitors.PMCNTENSET));
        assertEquals(0, cpu.pmu.read(PerformanceMonitors.PMXEVCNTR), "the guest's write to counter 4 was ignored");
    }

    @Test
    void theCycleCounterCountsRetiredInstructions() {
        cpu.pmu.write(PerformanceMonitors.PMCNTENSET, 1 << 31);
        cpu.pmu.write(PerformanceMonitors.PMCR, 1);
        int nop = 0xE320_F000;
        bench.run(nop, nop, nop, MRC_PMCCNTR);
        assertEquals(3, cpu.r[1], "three instructions retired between enabling and the read");
    }

    @Test
    void instRetiredCountsOnlyBelowHpmnWhenPmcrEIsSet() {
        cpu.sys.hdcr = 1;
        cpu.setMode(Mode.HYP);
        for (int i = 0; i < 2; i++) {
            cpu.pmu.write(PerformanceMonitors.PMSELR, i);
            cpu.pmu.write(PerformanceMonitors.PMXEVTYPER, 0x08);   // INST_RETIRED
        }
        cpu.pmu.write(PerformanceMonitors.PMCNTENSET, 3);
        cpu.pmu.write(PerformanceMonitors.PMCR, 1);
        int nop = 0xE320_F000;
        bench.run(nop, nop);
        cpu.pmu.write(PerformanceMonitors.PMSELR, 0);
        assertEquals(2, cpu.pmu.read(PerformanceMonitors.PMXEVCNTR));
        cpu.pmu.write(PerformanceMonitors.PMSELR, 1);
        assertEquals(0, cpu.pmu.read(PerformanceMonitors.PMXEVCNTR), "counter 1 is Hyp's: HDCR.HPME is 0");
    }

    @Test
    void pl0NeedsPmuserenr() {
        cpu.setMode(Mode.USR);
        bench.run(MRC_PMCR);
        assertGuestUndefined();
    }

    // ---- CP14 -------------------------------------------------------------------------------------

    @Test
    void tdraTrapsTheSixtyFourBitDbgdrar() {
        cpu.sys.hdcr = 6 | SystemRegisters.HDCR_TDRA;
        bench.run(MRRC_DBGDRAR);
        // EC 0x0C, ISS as MRRC: Opc1 0, Rt2 2, Rt 1, CRm 1, Dir 1 (QEMU 7.2 does not trap it)
        assertHypTrap(hsr(0x0C, 2 << 10 | 1 << 5 | 1 << 1 | 1));
    }

    @Test
    void dbgprcrExistsAndIsTrappedByTdosa() {
        bench.run(MRC_DBGPRCR);
        assertEquals(Mode.SVC, cpu.mode(), "v7.1 debug has DBGPRCR in CP14 (QEMU 7.2 UNDEFs it)");
        cpu.sys.hdcr = 6 | SystemRegisters.HDCR_TDOSA;
        bench.run(MRC_DBGPRCR);
        assertHypTrap(hsr(0x05, mrcIss(0, 1, 4, 4, 1)));
    }

    @Test
    void pl0ReadsDbgdscrintUnlessUdccdis() {
        cpu.setMode(Mode.USR);
        bench.run(MRC_DBGDSCRINT);
        assertEquals(Mode.USR, cpu.mode(), "QEMU 7.2 makes DBGDSCRint PL1-only");
        cpu.setMode(Mode.SVC);
        cpu.debug.write(DebugRegisters.DBGDSCREXT, 1 << 12);   // UDCCdis
        cpu.setMode(Mode.USR);
        bench.run(MRC_DBGDSCRINT);
        assertGuestUndefined();
    }

    @Test
    void undefinedWinsOverTda() {
        cpu.sys.hdcr = 6 | SystemRegisters.HDCR_TDA;
        bench.run(MRC_DBGDTRRX);
        assertGuestUndefined();
    }
}
