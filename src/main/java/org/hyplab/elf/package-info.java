/** Reading ELF images (the hypervisor, guests and test programs) for loading and for symbols. */
package org.hyplab.elf;
