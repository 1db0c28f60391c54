/**
 * The Lab ({@code /lab}): one user's machine per browser tab, driven and looked into. Start
 * reading at {@link org.hyplab.ui.lab.LabView}, which lays the page out and turns each
 * {@link org.hyplab.lab.SessionStatus} pushed from the worker into its panes: where each CPU is,
 * {@code SourcePane} and {@code DisassemblyPane}, {@code RegistersPane} (fields by
 * {@link org.hyplab.cpu.RegisterExplainer}), {@code TrapsPane} (the trap timeline, with going back
 * to a trap), {@link org.hyplab.ui.lab.WalkView} and {@link org.hyplab.ui.lab.GicView} (Lit
 * components drawing a page-table walk and the GIC; {@code InterruptPath} finds the last
 * interrupt's way in the trace) and the consoles. The machine is only read between slices,
 * through {@link org.hyplab.lab.LabSession#read}; nothing here runs it except through the
 * session's controls.
 */
package org.hyplab.ui.lab;
