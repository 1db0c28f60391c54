/* hyp_traps_fp_pmu_debug: vmsa/hyp_traps.c with the trap groups that need units HypLab does
 * not emulate yet: VFP/Advanced SIMD (HCPTR.TCP10/11, HCR.TID0 on FPSID/MVFR0/MVFR1), the PMU
 * (HDCR.TPM) and CP14 debug (HDCR.TDA/TDOSA, JIDR). Built like every test program and runs on
 * QEMU, but no test compares it with HypLab until those units land (tests/arm/README.md). */
#define FP_PMU_DEBUG 1
#include "../vmsa/hyp_traps.c"
