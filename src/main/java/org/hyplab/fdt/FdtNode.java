package org.hyplab.fdt;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One node of a device tree: a name ({@code serial@1c090000}; the root's is empty), its
 * properties in order, and its children in order. Mutable, so that a tree can be built or
 * patched in place; two nodes are equal when names, properties and children are.
 */
public final class FdtNode {

    private final String name;
    private final Map<String, FdtProperty> properties = new LinkedHashMap<>();
    private final List<FdtNode> children = new ArrayList<>();

    public FdtNode(String name) {
        if (name.indexOf('/') >= 0 || name.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("bad node name '" + name + "'");
        }
        this.name = name;
    }

    /** A new root node. */
    public static FdtNode root() {
        return new FdtNode("");
    }

    public String name() {
        return name;
    }

    /** Sets a property, replacing one of the same name in its place, else adding it last. */
    public FdtNode set(FdtProperty property) {
        properties.put(property.name(), property);
        return this;
    }

    public Optional<FdtProperty> property(String propertyName) {
        return Optional.ofNullable(properties.get(propertyName));
    }

    public boolean remove(String propertyName) {
        return properties.remove(propertyName) != null;
    }

    public List<FdtProperty> properties() {
        return List.copyOf(properties.values());
    }

    /** Adds {@code child} last and returns it; a node's children have distinct names. */
    public FdtNode add(FdtNode child) {
        if (child(child.name()).isPresent()) {
            throw new IllegalArgumentException(name + " already has a child " + child.name());
        }
        children.add(child);
        return child;
    }

    public Optional<FdtNode> child(String childName) {
        return children.stream().filter(c -> c.name.equals(childName)).findFirst();
    }

    /** The child called {@code childName}, added last if there is none. */
    public FdtNode childOrAdd(String childName) {
        return child(childName).orElseGet(() -> add(new FdtNode(childName)));
    }

    public boolean removeChild(String childName) {
        return children.removeIf(c -> c.name.equals(childName));
    }

    public List<FdtNode> children() {
        return List.copyOf(children);
    }

    /** The node at {@code path} below this one ({@code /cpus/cpu@0}, or {@code cpus/cpu@0}). */
    public Optional<FdtNode> find(String path) {
        FdtNode node = this;
        for (String part : path.split("/")) {
            if (part.isEmpty()) {
                continue;
            }
            Optional<FdtNode> next = node.child(part);
            if (next.isEmpty()) {
                return Optional.empty();
            }
            node = next.get();
        }
        return Optional.of(node);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FdtNode n && n.name.equals(name)
                && List.copyOf(n.properties.values()).equals(List.copyOf(properties.values()))
                && n.children.equals(children);
    }

    @Override
    public int hashCode() {
        return name.hashCode() * 31 + children.hashCode();
    }

    @Override
    public String toString() {
        return (name.isEmpty() ? "/" : name) + " " + properties.values() + " " + children;
    }
}
