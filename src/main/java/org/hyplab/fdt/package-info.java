/**
 * Flattened device trees (DTBs), written and read from the devicetree specification v0.4,
 * chapter 5. Start at {@link org.hyplab.fdt.Fdt}: a tree of {@link org.hyplab.fdt.FdtNode}s
 * with {@link org.hyplab.fdt.FdtProperty}s, which {@link org.hyplab.fdt.FdtWriter} flattens
 * and {@link org.hyplab.fdt.FdtReader} reads back, refusing a malformed blob with a one-line
 * {@link org.hyplab.fdt.FdtException}. What goes into a board's tree is
 * {@link org.hyplab.board.DeviceTreeGenerator}'s business.
 */
package org.hyplab.fdt;
