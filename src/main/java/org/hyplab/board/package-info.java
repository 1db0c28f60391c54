/**
 * The emulated boards as data. Each file in {@code boards/} describes one board completely: its
 * CPUs, memory map, GIC-400, devices with their interrupts, console and secondary boot path
 * ({@link org.hyplab.board.BoardDescription}). The machine is assembled from it
 * ({@link org.hyplab.machine.BoardAssembler}) and the device tree is generated from it
 * ({@link org.hyplab.board.DeviceTreeGenerator}), so the two cannot disagree.
 */
package org.hyplab.board;
