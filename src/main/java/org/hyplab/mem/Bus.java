package org.hyplab.mem;

import java.util.ArrayList;
import java.util.List;

/**
 * The physical address space of one machine: RAM regions and device windows. An address
 * nothing claims raises {@link BusFault}, as an unbacked region does on the real interconnect.
 */
public final class Bus {

    private record Window(long base, long size, MmioDevice device) {
        boolean contains(long pa) {
            return pa - base >= 0 && pa - base < size;
        }
    }

    private final List<Ram> rams = new ArrayList<>();
    private Window[] windows = new Window[0];
    /** The RAM most accesses go to, tried first. */
    private Ram mainRam;

    public Ram addRam(long base, long size) {
        Ram ram = new Ram(base, size);
        checkFree(base, size);
        rams.add(ram);
        if (mainRam == null || size > mainRam.size()) {
            mainRam = ram;
        }
        return ram;
    }

    public void addDevice(long base, long size, MmioDevice device) {
        checkFree(base, size);
        List<Window> list = new ArrayList<>(List.of(windows));
        list.add(new Window(base, size, device));
        windows = list.toArray(Window[]::new);
    }

    private void checkFree(long base, long size) {
        for (Ram r : rams) {
            if (base < r.base() + r.size() && r.base() < base + size) {
                throw new IllegalArgumentException(String.format("0x%x+0x%x overlaps RAM at 0x%x", base, size, r.base()));
            }
        }
        for (Window w : windows) {
            if (base < w.base() + w.size() && w.base() < base + size) {
                throw new IllegalArgumentException(String.format("0x%x+0x%x overlaps %s", base, size, w.device().name()));
            }
        }
    }

    /** The RAM holding {@code pa}, or {@code null}. */
    public Ram ramAt(long pa) {
        if (mainRam != null && mainRam.contains(pa)) {
            return mainRam;
        }
        for (Ram r : rams) {
            if (r.contains(pa)) {
                return r;
            }
        }
        return null;
    }

    /** Whether a device claims {@code pa}: reading there may have side effects. */
    public boolean isDevice(long pa) {
        for (Window w : windows) {
            if (w.contains(pa)) {
                return true;
            }
        }
        return false;
    }

    private Window windowAt(long pa, boolean write) {
        for (Window w : windows) {
            if (w.contains(pa)) {
                return w;
            }
        }
        throw new BusFault(pa, write);
    }

    public int read8(long pa) {
        Ram r = ramAt(pa);
        if (r != null) {
            return r.read8(pa - r.base());
        }
        Window w = windowAt(pa, false);
        return w.device().read(pa - w.base(), 1) & 0xFF;
    }

    public int read16(long pa) {
        Ram r = ramAt(pa);
        if (r != null) {
            return r.read16(pa - r.base());
        }
        Window w = windowAt(pa, false);
        return w.device().read(pa - w.base(), 2) & 0xFFFF;
    }

    public int read32(long pa) {
        Ram r = ramAt(pa);
        if (r != null) {
            return r.read32(pa - r.base());
        }
        Window w = windowAt(pa, false);
        return w.device().read(pa - w.base(), 4);
    }

    public void write8(long pa, int value) {
        Ram r = ramAt(pa);
        if (r != null) {
            r.write8(pa - r.base(), value);
            return;
        }
        Window w = windowAt(pa, true);
        w.device().write(pa - w.base(), 1, value & 0xFF);
    }

    public void write16(long pa, int value) {
        Ram r = ramAt(pa);
        if (r != null) {
            r.write16(pa - r.base(), value);
            return;
        }
        Window w = windowAt(pa, true);
        w.device().write(pa - w.base(), 2, value & 0xFFFF);
    }

    public void write32(long pa, int value) {
        Ram r = ramAt(pa);
        if (r != null) {
            r.write32(pa - r.base(), value);
            return;
        }
        Window w = windowAt(pa, true);
        w.device().write(pa - w.base(), 4, value);
    }
}
