package org.hyplab.machine;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.LinkedList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.IntConsumer;

import org.hyplab.cpu.ExceptionListener;
import org.hyplab.cpu.InstructionHook;
import org.hyplab.gic.GicListener;
import org.hyplab.mmu.TranslationObserver;
import org.hyplab.timer.TimerListener;

/**
 * The explicit part of what a {@link Snapshot} saves: the fields it leaves alone and the JDK
 * classes it knows. Everything else follows from a field's type ({@link StateGraph}): a field
 * or object of a kind not named here or there stops the snapshot with the field's name, so a new
 * device or field is never left out silently.
 */
final class StateRules {

    /**
     * Fields of these declared types are where the machine's output goes or its input comes
     * from, not its state: a snapshot neither saves nor walks them, a restore leaves them as
     * they are (the console keeps printing to the same sink, a trace recorder, a debugger's
     * hook and the GIC's, timers' and MMUs' observers stay attached).
     * So a device must not wire parts of the machine together through an IntConsumer: that
     * wire would be left out (the machine's own wires are InterruptLine, Runnable, suppliers).
     */
    static final Set<Class<?>> OUTSIDE = Set.of(IntConsumer.class, ExceptionListener.class, ConsoleInput.class,
            InstructionHook.class, TranslationObserver.class, GicListener.class, TimerListener.class);

    /**
     * Caches of what the saved state determines: not saved. After a restore {@link Snapshot}
     * makes them agree with the restored state. Decoded instructions (DecodeCache, one per machine)
     * depend on RAM words only: Ram.restore reports every word of a decoded page it changes, as a
     * write would, and the decoded form is dropped. The CPU's fetch page is forgotten
     * (Cpu.forgetFetchPage). The TLBs and micro-TLBs are not caches in this sense (a TLB keeps a
     * translation the tables no longer give until it is invalidated, B3.10.1): they are saved.
     */
    static final Set<String> CACHES = Set.of(
            "org.hyplab.machine.Machine#code",
            "org.hyplab.cpu.Cpu#code",
            "org.hyplab.cpu.Cpu#fetchPage",
            "org.hyplab.cpu.Cpu#fetchPageVa");

    /** Arrays never written after they are made although their type would allow it: shared, not copied. */
    static final Set<String> CONSTANT = Set.of(
            "org.hyplab.machine.Machine$LoadedImage#data");   // a clone of the loaded bytes, only read

    /** Mutable JDK collections, saved and restored through the Collection API (clear, addAll). */
    static final Set<Class<?>> COLLECTIONS = Set.of(ArrayList.class, LinkedList.class, ArrayDeque.class,
            HashSet.class, LinkedHashSet.class, TreeSet.class);

    /** Mutable JDK maps, saved and restored through the Map API (clear, put). */
    static final Set<Class<?>> MAPS = Set.of(HashMap.class, LinkedHashMap.class, TreeMap.class, IdentityHashMap.class);

    /** The collection interfaces a field may be declared with (the object's class must then be one above). */
    static final Set<Class<?>> COLLECTION_TYPES = Set.of(Collection.class, List.class, Set.class, Queue.class,
            Deque.class, Map.class);

    /** Immutable JDK values: shared by a snapshot, never walked. */
    static final Set<Class<?>> IMMUTABLE = Set.of(String.class, Boolean.class, Byte.class, Character.class,
            Short.class, Integer.class, Long.class, Float.class, Double.class, Class.class);

    private StateRules() {
    }

    static boolean immutable(Class<?> c) {
        return IMMUTABLE.contains(c) || c.isEnum() || (c.getSuperclass() != null && c.getSuperclass().isEnum());
    }

    /** List.of, Map.of, Collections.unmodifiableList and the like: nothing to save, their elements walked. */
    static boolean immutableCollection(Class<?> c) {
        String n = c.getName();
        return n.startsWith("java.util.ImmutableCollections$") || n.startsWith("java.util.Collections$Unmodifiable")
                || n.startsWith("java.util.Collections$Empty") || n.startsWith("java.util.Collections$Singleton");
    }

    /** The emulator's own classes (lambdas written in them included): walked field by field. */
    static boolean ours(Class<?> c) {
        return c.getName().startsWith("org.hyplab.");
    }

    /** Functional interfaces whose objects are lambdas: walked through what they capture. */
    static boolean functional(Class<?> c) {
        return c == Runnable.class || c.getName().startsWith("java.util.function.");
    }

    static String key(Class<?> owner, String field) {
        return owner.getName() + "#" + field;
    }
}
