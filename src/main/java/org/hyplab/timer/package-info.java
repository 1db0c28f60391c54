/**
 * The ARMv7 Generic Timer (ARM ARM DDI 0406C, chapter B8), deterministic: the count is derived
 * from emulated time, never from the wall clock.
 *
 * <p>Start reading at {@link org.hyplab.timer.GenericTimer}, one per CPU: its registers, the
 * access rules per privilege level and how the CP15 model and the machine call it. Time comes
 * from the machine's single {@link org.hyplab.timer.SystemCounter}; each of the three timers is a
 * {@link org.hyplab.timer.CompareTimer} driving an {@link org.hyplab.irq.InterruptLine};
 * {@link org.hyplab.timer.TimerRegister} maps CP15 encodings to registers and
 * {@link org.hyplab.timer.EventStream} computes event-stream events for WFE. A
 * {@link org.hyplab.timer.TimerListener} ({@link org.hyplab.timer.GenericTimer#setListener})
 * hears a timer fire, with its compare value.
 *
 * <p>This package depends on nothing in {@code org.hyplab.cpu}: a privilege level is an int
 * (0, 1, 2 as {@code Mode.privilegeLevel}) and exceptions are the caller's, told by
 * {@link org.hyplab.timer.Access}.
 */
package org.hyplab.timer;
