/**
 * The emulated boards as data. Each file in {@code boards/} describes one board; today the
 * description names the board, its CPUs and its device-tree identity. The machine model and
 * the device tree blob will both be generated from the same file (issue 5).
 */
package org.hyplab.board;
