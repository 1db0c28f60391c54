package org.hyplab.cpu;

import static org.hyplab.cpu.SystemRegisters.*;

/**
 * Which CP15 accesses from Non-secure PL0 and PL1 the hypervisor has asked to trap to Hyp mode
 * (ARM ARM B1.14 "Traps to the hypervisor"; HCR bits: BOARDS.md §4.3). The caller has already
 * established that the access exists and is allowed at the current privilege level: an
 * UNDEFINED access takes the Undefined Instruction exception, not a trap (B1.14.1).
 */
public final class HypTraps {

    private HypTraps() {
    }

    /** {@code MRC} ({@code read}) or {@code MCR} with key {@code opc1:CRn:CRm:opc2}. */
    public static boolean cp15(SystemRegisters sys, int k, boolean read) {
        int crn = (k >>> 8) & 0xF, crm = (k >>> 4) & 0xF;
        int hcr = sys.hcr;
        // HSTR.Tn: every access to primary register CRn = n (B4.1.74; no T4, no T14).
        if ((sys.hstr & 1 << crn) != 0 && crn != 4 && crn != 14) {
            return true;
        }
        switch (k) {
            // TID1: TCMTR, TLBTR, REVIDR, AIDR (B1.14.11).
            case 0x0002, 0x0003, 0x0006, 0x1007:
                return read && (hcr & HCR_TID1) != 0;
            // TID2: CTR, CCSIDR, CLIDR, CSSELR.
            case 0x0001, 0x1000, 0x1001, 0x2000:
                return (hcr & HCR_TID2) != 0;
            // TAC: ACTLR (B1.14.?).
            case 0x0101:
                return (hcr & HCR_TAC) != 0;
            // HCPTR.TCPAC: CPACR (B4.1.67).
            case 0x0102:
                return (sys.hcptr & 1 << 31) != 0;
            // HDCR.TPMCR: PMCR (B4.1.?, HDCR); TPM below covers it too.
            case PerformanceMonitors.PMCR:
                return (sys.hdcr & (HDCR_TPM | HDCR_TPMCR)) != 0;
            // TVM: writes to the virtual memory control registers (B1.14.13).
            case 0x0100, 0x0200, 0x0201, 0x0202, 0x0300, 0x0500, 0x0501, 0x0510, 0x0511, 0x0600, 0x0602,
                 0x0A20, 0x0A21, 0x0A30, 0x0A31, 0x0D01:
                return !read && (hcr & HCR_TVM) != 0;
            // TSW: data cache maintenance by set/way.
            case 0x0762, 0x07A2, 0x07E2:
                return (hcr & HCR_TSW) != 0;
            // TPC: data cache maintenance to the point of coherency.
            case 0x0761, 0x07A1, 0x07E1:
                return (hcr & HCR_TPC) != 0;
            // TPU: maintenance to the point of unification.
            case 0x0710, 0x0750, 0x0751, 0x07B1:
                return (hcr & HCR_TPU) != 0;
            default:
                break;
        }
        // TID3: the ID register space c0, c1-c7 (B1.14.11).
        if (crn == 0 && (k >>> 12) == 0 && crm >= 1 && crm <= 7) {
            return read && (hcr & HCR_TID3) != 0;
        }
        // HDCR.TPM: every Performance Monitors register.
        if (PerformanceMonitors.claims(k)) {
            return (sys.hdcr & HDCR_TPM) != 0;
        }
        // TTLB: every TLB maintenance operation (c8).
        if (crn == 8) {
            return (hcr & HCR_TTLB) != 0;
        }
        // TIDCP: the IMPLEMENTATION DEFINED encodings in c9, c10, c11 and c15 (B1.14.12, Table B4-?).
        if ((hcr & HCR_TIDCP) != 0) {
            return switch (crn) {
                case 9 -> crm <= 2 || (crm >= 5 && crm <= 8);
                case 10 -> crm == 0 || crm == 1 || crm == 4 || crm == 8;
                case 11 -> crm <= 8 || crm == 15;
                case 15 -> true;
                default -> false;
            };
        }
        return false;
    }

    /** {@code MRRC}/{@code MCRR} with {@code opc1} and {@code CRm}. */
    public static boolean cp15Wide(SystemRegisters sys, int opc1, int crm, boolean read) {
        if ((sys.hstr & 1 << crm) != 0 && crm != 4 && crm != 14) {
            return true;
        }
        // TVM covers the 64-bit TTBR0 and TTBR1 writes too.
        return !read && opc1 <= 1 && crm == 2 && (sys.hcr & HCR_TVM) != 0;
    }

    /**
     * {@code MRC}/{@code MCR} p14 with key {@code opc1:CRn:CRm:opc2} (HSR.EC 0x05). Debug registers
     * (opc1 0): HDCR.TDRA covers DBGDRAR/DBGDSAR, TDOSA the OS lock, OS double lock and power-down
     * registers, TDA all the others, and TDE makes all three act as set (B4.1.?, HDCR; Cortex-A15
     * TRM). HCR.TID0 traps JIDR reads; HSTR.TTEE the ThumbEE and HSTR.TJDBX the other Jazelle
     * registers (B4.1.74).
     */
    public static boolean cp14(SystemRegisters sys, int k, boolean read) {
        switch (k >>> 12) {
            case 0 -> {
                int hdcr = sys.hdcr;
                int control = switch (k) {
                    case DebugRegisters.DBGDRAR, DebugRegisters.DBGDSAR -> HDCR_TDRA;
                    case DebugRegisters.DBGOSLAR, DebugRegisters.DBGOSLSR, DebugRegisters.DBGOSDLR,
                         DebugRegisters.DBGPRCR -> HDCR_TDOSA;
                    default -> HDCR_TDA;
                };
                return (hdcr & (control | HDCR_TDE)) != 0;
            }
            case 6 -> {
                return (sys.hstr & HSTR_TTEE) != 0;
            }
            default -> {
                return k == JazelleThumbEe.JIDR ? read && (sys.hcr & HCR_TID0) != 0 : (sys.hstr & HSTR_TJDBX) != 0;
            }
        }
    }

    /** {@code MRRC} p14 (HSR.EC 0x0C): only DBGDRAR and DBGDSAR exist, under HDCR.TDRA (or TDE). */
    public static boolean cp14Wide(SystemRegisters sys) {
        return (sys.hdcr & (HDCR_TDRA | HDCR_TDE)) != 0;
    }
}
