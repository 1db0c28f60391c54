/**
 * The physical address space: RAM regions and memory-mapped devices on one {@link
 * org.hyplab.mem.Bus}. Addresses here are physical (up to 40 bits with LPAE, hence
 * {@code long}); translation from virtual addresses belongs to the MMU.
 */
package org.hyplab.mem;
