package org.hyplab.machine;

import java.lang.reflect.Array;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.hyplab.mem.Ram;

/**
 * The objects a machine is made of, found by walking references from the {@link Machine}, and
 * how each is saved and written back in place for a {@link Snapshot}. What a field holds decides
 * (see {@link StateRules} for the explicit exceptions):
 * <ul>
 * <li>a primitive or a reference in a field that is not final: its value is saved, and written
 *     back into the same object (the object stays the one every lambda and cross reference
 *     points at);</li>
 * <li>a final reference: nothing to write back, but the object it holds is walked;</li>
 * <li>an array: its elements are saved and copied back into the same array;</li>
 * <li>a JDK list, deque, set or map: its contents, through its public API;</li>
 * <li>an immutable value (String, boxed, enum, a class of ours whose fields are all final and
 *     immutable, such as a record of them or a TLB entry): shared, never walked;</li>
 * <li>a lambda written in our code: walked through what it captures, which must be of these
 *     kinds too;</li>
 * <li>a {@link Ram}: its pages, copy-on-write ({@link Ram#share}).</li>
 * </ul>
 * A field or an object of any other kind (a declared type the rules do not know, a JDK class
 * with private state) is refused with its name: a device added later is either covered or
 * stops the snapshot, never left out without a word.
 */
final class StateGraph {

    /** What an object is to the walk. */
    enum Kind { IMMUTABLE, OBJECT, PRIMITIVE_ARRAY, REFERENCE_ARRAY, COLLECTION, MAP, IMMUTABLE_COLLECTION, RAM }

    /** An object's saved state, written back by {@link #restore}. */
    interface Saved {
        Object target();

        void restore();
    }

    /** A class of ours, its fields sorted out once. */
    static final class Layout {
        /** Not final: the value is saved and written back (references are walked too). */
        final Field[] saved;
        /** Final references: the objects they hold are walked. */
        final Field[] walked;
        /** "Class#field" of each, for messages. */
        final String[] savedNames, walkedNames;
        /** Nothing reachable from it can change: shared, never walked. */
        final boolean immutable;
        /** "Class#field: what a snapshot does with it", for {@link #survey}. */
        final List<String> rules = new ArrayList<>();

        Layout(Class<?> type) {
            List<Field> s = new ArrayList<>();
            List<Field> w = new ArrayList<>();
            boolean imm = true;
            for (Class<?> c = type; c != Object.class && c != Record.class; c = c.getSuperclass()) {
                if (!StateRules.ours(c)) {
                    throw new IllegalStateException(type.getName() + " extends " + c.getName()
                            + ", whose private state a snapshot cannot see");
                }
                Field[] fields = c.getDeclaredFields();
                Arrays.sort(fields, Comparator.comparing(Field::getName));
                for (Field f : fields) {
                    if (Modifier.isStatic(f.getModifiers())) {
                        continue;
                    }
                    String key = StateRules.key(c, f.getName());
                    String shown = name(c) + "#" + f.getName();
                    Class<?> t = f.getType();
                    boolean fin = Modifier.isFinal(f.getModifiers());
                    if (StateRules.CACHES.contains(key)) {
                        rules.add(shown + ": cache, made to agree after a restore");
                        imm = false;
                        continue;
                    }
                    if (StateRules.CONSTANT.contains(key)) {
                        rules.add(shown + ": never written, shared");
                        imm &= fin;
                        continue;
                    }
                    if (StateRules.OUTSIDE.contains(t)) {
                        rules.add(shown + ": outside the machine, left alone");
                        imm &= fin;
                        continue;
                    }
                    checkDeclared(t, key);
                    f.setAccessible(true);
                    if (!fin) {
                        s.add(f);
                        rules.add(shown + ": saved" + (t.isPrimitive() ? "" : ", walked"));
                        imm = false;
                    } else if (t.isPrimitive() || StateRules.immutable(t)) {
                        rules.add(shown + ": final, immutable");
                    } else {
                        w.add(f);
                        rules.add(shown + (t.isArray() ? ": final array, its elements saved"
                                : StateRules.COLLECTION_TYPES.contains(t) || StateRules.COLLECTIONS.contains(t)
                                        || StateRules.MAPS.contains(t) ? ": final collection, its contents saved"
                                : ": final, walked"));
                        imm &= immutableType(t, new HashSet<>(Set.of(type)));
                    }
                }
            }
            this.saved = s.toArray(Field[]::new);
            this.walked = w.toArray(Field[]::new);
            this.savedNames = s.stream().map(f -> name(f.getDeclaringClass()) + "#" + f.getName()).toArray(String[]::new);
            this.walkedNames = w.stream().map(f -> name(f.getDeclaringClass()) + "#" + f.getName()).toArray(String[]::new);
            this.immutable = imm;
        }

        /** A final field of this type can only hold something immutable (a final class of ours, all final). */
        private static boolean immutableType(Class<?> t, Set<Class<?>> seen) {
            if (t.isPrimitive() || StateRules.immutable(t)) {
                return true;
            }
            if (!StateRules.ours(t) || !Modifier.isFinal(t.getModifiers()) || t.isArray() || !seen.add(t)) {
                return false;
            }
            for (Field f : t.getDeclaredFields()) {
                if (!Modifier.isStatic(f.getModifiers())
                        && (!Modifier.isFinal(f.getModifiers()) || !immutableType(f.getType(), seen))) {
                    return false;
                }
            }
            return true;
        }

        /** Refuses a field whose declared type the rules do not know, even while it holds null. */
        private static void checkDeclared(Class<?> t, String key) {
            Class<?> e = t;
            while (e.isArray()) {
                e = e.getComponentType();
            }
            if (e.isPrimitive() || StateRules.immutable(e) || StateRules.ours(e) || StateRules.functional(e)
                    || StateRules.COLLECTION_TYPES.contains(e) || StateRules.COLLECTIONS.contains(e)
                    || StateRules.MAPS.contains(e) || StateRules.OUTSIDE.contains(e)) {
                return;
            }
            throw new IllegalStateException(key + " is a " + t.getName()
                    + ", a kind of field a snapshot does not know: teach StateRules what it is");
        }
    }

    private static final ClassValue<Layout> LAYOUTS = new ClassValue<>() {
        @Override
        protected Layout computeValue(Class<?> type) {
            return new Layout(type);
        }
    };

    private static final ClassValue<Kind> KINDS = new ClassValue<>() {
        @Override
        protected Kind computeValue(Class<?> c) {
            if (c.isArray()) {
                return c.getComponentType().isPrimitive() ? Kind.PRIMITIVE_ARRAY : Kind.REFERENCE_ARRAY;
            }
            if (StateRules.immutable(c)) {
                return Kind.IMMUTABLE;
            }
            if (c == Ram.class) {
                return Kind.RAM;
            }
            if (StateRules.COLLECTIONS.contains(c)) {
                return Kind.COLLECTION;
            }
            if (StateRules.MAPS.contains(c)) {
                return Kind.MAP;
            }
            if (StateRules.immutableCollection(c)) {
                return Kind.IMMUTABLE_COLLECTION;
            }
            if (StateRules.ours(c)) {
                return LAYOUTS.get(c).immutable ? Kind.IMMUTABLE : Kind.OBJECT;
            }
            throw new IllegalStateException("a " + c.getName() + " is not a kind of object a snapshot knows: "
                    + "teach StateRules what it is");
        }
    };

    private StateGraph() {
    }

    /** The kind of {@code o}, found through the field {@code via + suffix} (named only if refused). */
    static Kind kind(Object o, String via, String suffix) {
        try {
            return KINDS.get(o.getClass());
        } catch (IllegalStateException e) {
            throw new IllegalStateException("a snapshot cannot save " + via + suffix + ": " + e.getMessage(), e);
        }
    }

    /**
     * Every mutable object reachable from {@code root}, the root first, each once, in the order a
     * breadth-first walk meets them (fields by name, elements in order).
     */
    static List<Object> reach(Object root) {
        IdentityHashMap<Object, Boolean> seen = new IdentityHashMap<>();
        List<Object> order = new ArrayList<>();
        ArrayDeque<Object> work = new ArrayDeque<>();
        ArrayDeque<String> via = new ArrayDeque<>();
        work.add(root);
        via.add(root.getClass().getName());
        seen.put(root, Boolean.TRUE);
        while (!work.isEmpty()) {
            Object o = work.poll();
            String from = via.poll();
            order.add(o);
            forEachChild(o, kind(o, from, ""), from, (child, name, suffix) -> {
                if (child != null && kind(child, name, suffix) != Kind.IMMUTABLE && seen.put(child, Boolean.TRUE) == null) {
                    work.add(child);
                    via.add(suffix.isEmpty() ? name : name + suffix);
                }
            });
        }
        return order;
    }

    /** Told of each reference an object holds, and the field it is in: {@code via + suffix}. */
    private interface ChildVisitor {
        void visit(Object child, String via, String suffix);
    }

    private static void forEachChild(Object o, Kind k, String from, ChildVisitor v) {
        switch (k) {
            case OBJECT -> {
                Layout l = LAYOUTS.get(o.getClass());
                for (int i = 0; i < l.saved.length; i++) {
                    if (!l.saved[i].getType().isPrimitive()) {
                        v.visit(get(l.saved[i], o), l.savedNames[i], "");
                    }
                }
                for (int i = 0; i < l.walked.length; i++) {
                    v.visit(get(l.walked[i], o), l.walkedNames[i], "");
                }
            }
            case REFERENCE_ARRAY -> {
                for (Object e : (Object[]) o) {
                    v.visit(e, from, "[]");
                }
            }
            case COLLECTION, IMMUTABLE_COLLECTION -> {
                if (o instanceof Map<?, ?> map) {
                    map.forEach((key, value) -> {
                        v.visit(key, from, " key");
                        v.visit(value, from, " value");
                    });
                } else {
                    for (Object e : (Collection<?>) o) {
                        v.visit(e, from, " element");
                    }
                }
            }
            case MAP -> ((Map<?, ?>) o).forEach((key, value) -> {
                v.visit(key, from, " key");
                v.visit(value, from, " value");
            });
            default -> {
                // arrays of primitives and RAM hold no references to walk
            }
        }
    }

    static Object get(Field f, Object o) {
        try {
            return f.get(o);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }

    // ---- saving and writing back ----------------------------------------------------------------

    /** The state of every object reachable from {@code root}, to be written back later. */
    static List<Saved> capture(Object root) {
        List<Object> objects = reach(root);
        List<Saved> saved = new ArrayList<>(objects.size());
        for (Object o : objects) {
            Saved s = save(o, KINDS.get(o.getClass()));
            if (s != null) {
                saved.add(s);
            }
        }
        return saved;
    }

    private static Saved save(Object o, Kind k) {
        return switch (k) {
            case OBJECT -> {
                Field[] fields = LAYOUTS.get(o.getClass()).saved;
                if (fields.length == 0) {
                    yield null;
                }
                Object[] values = new Object[fields.length];
                for (int i = 0; i < fields.length; i++) {
                    values[i] = get(fields[i], o);
                }
                yield new SavedFields(o, fields, values);
            }
            case PRIMITIVE_ARRAY, REFERENCE_ARRAY -> new SavedArray(o, copyOf(o));
            case COLLECTION -> new SavedCollection((Collection<?>) o, ((Collection<?>) o).toArray());
            case MAP -> savedMap((Map<?, ?>) o);
            case RAM -> new SavedRam((Ram) o, ((Ram) o).share());
            default -> null;
        };
    }

    private static Object copyOf(Object array) {
        int n = Array.getLength(array);
        Object copy = Array.newInstance(array.getClass().getComponentType(), n);
        System.arraycopy(array, 0, copy, 0, n);
        return copy;
    }

    private static Saved savedMap(Map<?, ?> map) {
        Object[] keys = new Object[map.size()];
        Object[] values = new Object[keys.length];
        int i = 0;
        for (Map.Entry<?, ?> e : map.entrySet()) {
            // A key whose hash could change would be filed under the wrong bucket when put back.
            if (!(map instanceof IdentityHashMap) && e.getKey() != null
                    && KINDS.get(e.getKey().getClass()) != Kind.IMMUTABLE) {
                throw new IllegalStateException("a map key of class " + e.getKey().getClass().getName()
                        + " is mutable: a snapshot cannot put it back");
            }
            keys[i] = e.getKey();
            values[i++] = e.getValue();
        }
        return new SavedMap(map, keys, values);
    }

    private record SavedFields(Object target, Field[] fields, Object[] values) implements Saved {
        @Override
        public void restore() {
            try {
                for (int i = 0; i < fields.length; i++) {
                    fields[i].set(target, values[i]);
                }
            } catch (IllegalAccessException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    private record SavedArray(Object target, Object copy) implements Saved {
        @Override
        public void restore() {
            System.arraycopy(copy, 0, target, 0, Array.getLength(copy));
        }
    }

    private record SavedCollection(Collection<?> target, Object[] elements) implements Saved {
        @Override
        @SuppressWarnings("unchecked")
        public void restore() {
            target.clear();
            ((Collection<Object>) target).addAll(Arrays.asList(elements));
        }
    }

    private record SavedMap(Map<?, ?> target, Object[] keys, Object[] values) implements Saved {
        @Override
        @SuppressWarnings("unchecked")
        public void restore() {
            Map<Object, Object> m = (Map<Object, Object>) target;
            m.clear();
            for (int i = 0; i < keys.length; i++) {
                m.put(keys[i], values[i]);
            }
        }
    }

    /** RAM comes back as the pages it had, shared with the snapshot again. */
    record SavedRam(Ram target, Ram.Pages pages) implements Saved {
        @Override
        public void restore() {
            target.restore(pages);
        }
    }

    // ---- looking at the walk (tests) ------------------------------------------------------------

    /**
     * What a snapshot does with every field of every class reachable from {@code root}, and with
     * every JDK object it meets, one line each, sorted: the explicit list of what is saved.
     */
    static Set<String> survey(Object root) {
        Set<String> lines = new TreeSet<>();
        for (Object o : reach(root)) {
            Class<?> c = o.getClass();
            Kind kind = KINDS.get(c);
            forEachChild(o, kind, "", (child, via, suffix) -> {
                if (child != null && StateRules.ours(child.getClass()) && !StateRules.immutable(child.getClass())
                        && KINDS.get(child.getClass()) == Kind.IMMUTABLE) {
                    lines.add(name(child.getClass()) + ": immutable, shared");
                    lines.addAll(LAYOUTS.get(child.getClass()).rules);
                }
            });
            switch (kind) {
                case OBJECT -> lines.addAll(LAYOUTS.get(c).rules);
                case RAM -> lines.add(c.getName() + ": pages shared copy-on-write");
                case COLLECTION, MAP -> lines.add(c.getName() + ": contents through its public API");
                case IMMUTABLE_COLLECTION -> lines.add(c.getName() + ": immutable, its elements walked");
                default -> {
                    // arrays: covered by the field that holds them
                }
            }
        }
        return lines;
    }

    /**
     * The state reachable from {@code root} as text, one line per object (numbered in walk
     * order, references as numbers), RAM as its content hash: two machines in the same state
     * give the same lines. Reads only.
     */
    static List<String> dump(Object root) {
        List<Object> objects = reach(root);
        IdentityHashMap<Object, Integer> number = new IdentityHashMap<>();
        for (Object o : objects) {
            number.put(o, number.size());
        }
        List<String> lines = new ArrayList<>(objects.size());
        for (Object o : objects) {
            StringBuilder b = new StringBuilder("#").append(number.get(o)).append(' ').append(name(o.getClass())).append(':');
            switch (KINDS.get(o.getClass())) {
                case OBJECT -> {
                    Layout l = LAYOUTS.get(o.getClass());
                    for (Field[] fields : new Field[][] {l.saved, l.walked}) {
                        for (Field f : fields) {
                            b.append(' ').append(f.getName()).append('=').append(show(get(f, o), number));
                        }
                    }
                }
                case PRIMITIVE_ARRAY -> b.append(' ').append(showPrimitives(o));
                case REFERENCE_ARRAY -> {
                    for (Object e : (Object[]) o) {
                        b.append(' ').append(show(e, number));
                    }
                }
                case COLLECTION, IMMUTABLE_COLLECTION, MAP -> {
                    // Maps and sets in key order: how a hash table is laid out is not state.
                    List<String> parts = new ArrayList<>();
                    if (o instanceof Map<?, ?> map) {
                        map.forEach((k, v) -> parts.add(show(k, number) + "->" + show(v, number)));
                    } else {
                        ((Collection<?>) o).forEach(e -> parts.add(show(e, number)));
                    }
                    if (!(o instanceof List) && !(o instanceof java.util.Deque)) {
                        parts.sort(null);
                    }
                    parts.forEach(p -> b.append(' ').append(p));
                }
                case RAM -> b.append(String.format(" base=%x hash=%016x", ((Ram) o).base(), ((Ram) o).contentHash()));
                default -> throw new IllegalStateException();
            }
            lines.add(b.toString());
        }
        return lines;
    }

    /** A lambda's class name carries an address that changes from run to run of the JVM. */
    private static String name(Class<?> c) {
        String n = c.getName();
        int lambda = n.indexOf("$$Lambda");
        return lambda < 0 ? n : n.substring(0, lambda) + "$$Lambda";
    }

    private static String show(Object v, IdentityHashMap<Object, Integer> number) {
        if (v == null) {
            return "null";
        }
        Integer n = number.get(v);
        if (n != null) {
            return "#" + n;
        }
        Class<?> c = v.getClass();
        if (v instanceof String s) {
            return '"' + s + '"';
        }
        if (v instanceof Class<?> k) {
            return k.getName();
        }
        if (StateRules.immutable(c)) {
            return String.valueOf(v);
        }
        // An immutable object of ours: its fields, whatever its toString says.
        StringBuilder b = new StringBuilder(name(c)).append('{');
        for (Class<?> k = c; k != Object.class && k != Record.class; k = k.getSuperclass()) {
            Field[] fields = k.getDeclaredFields();
            Arrays.sort(fields, Comparator.comparing(Field::getName));
            for (Field f : fields) {
                if (!Modifier.isStatic(f.getModifiers())) {
                    f.setAccessible(true);
                    b.append(f.getName()).append('=').append(show(get(f, v), number)).append(' ');
                }
            }
        }
        return b.append('}').toString();
    }

    private static String showPrimitives(Object a) {
        return switch (a) {
            case int[] x -> Arrays.toString(x);
            case long[] x -> Arrays.toString(x);
            case boolean[] x -> Arrays.toString(x);
            case byte[] x -> Arrays.toString(x);
            case short[] x -> Arrays.toString(x);
            case char[] x -> Arrays.toString(x);
            case float[] x -> Arrays.toString(x);
            case double[] x -> Arrays.toString(x);
            default -> throw new IllegalStateException();
        };
    }
}
