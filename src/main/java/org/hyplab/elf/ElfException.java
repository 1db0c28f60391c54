package org.hyplab.elf;

/** A file that is not an ELF image HypLab can load; the message says what is wrong with it. */
public final class ElfException extends Exception {
    public ElfException(String message) {
        super(message);
    }
}
