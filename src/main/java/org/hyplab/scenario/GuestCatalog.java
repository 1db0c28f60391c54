package org.hyplab.scenario;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.hyplab.content.ContentException;
import org.hyplab.content.YamlMap;

/**
 * Finds a scenario's guests. A guest is named by its folder in {@code hypervisor/guests/} (the
 * build makes {@code target/arm/guests/NAME.zImage} from it) or given as a file: any zImage or
 * ELF guest kernel, a student's own or one built for Xen.
 *
 * <p>A guest folder may hold a {@code domain.yaml} with the domain it wants, e.g.
 * <pre>
 * cpus: 2          # virtual CPUs, 1 or 2
 * memory: 32 MiB   # its RAM, a multiple of 2 MiB
 * </pre>
 * and a command-line guest may override both: {@code NAME,cpus=2,memory=32} (memory in MiB).
 */
public final class GuestCatalog {

    static final String DOMAIN_FILE = "domain.yaml";

    private final Path sources;
    private final Path built;

    /**
     * @param sources the guests' source folders ({@code hypervisor/guests})
     * @param built   where the build put their zImages ({@code target/arm/guests})
     */
    public GuestCatalog(Path sources, Path built) {
        this.sources = sources;
        this.built = built;
    }

    /** The catalog of the project at {@code root}, with the ARM build in {@code armDir}. */
    public static GuestCatalog of(Path root, Path armDir) {
        return new GuestCatalog(root.resolve("hypervisor/guests"), armDir.resolve("guests"));
    }

    /** The guests that have a source folder, sorted by name. */
    public List<String> names() {
        if (!Files.isDirectory(sources)) {
            return List.of();
        }
        try (Stream<Path> dirs = Files.list(sources)) {
            return dirs.filter(Files::isDirectory).map(d -> d.getFileName().toString())
                    .filter(n -> !n.equals("common")).sorted().toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    /** The guest called {@code name}, with the domain its domain.yaml asks for. */
    public Guest named(String name) {
        if (!name.matches("[A-Za-z0-9_-]+") || name.equals("common") || !Files.isDirectory(sources.resolve(name))) {
            throw new ScenarioException("unknown guest '" + name + "' (guests: " + String.join(", ", names())
                    + "; or give the path of a zImage or ELF file)");
        }
        Path image = built.resolve(name + ".zImage");
        if (!Files.isRegularFile(image)) {
            throw new ScenarioException("guest '" + name + "' is not built: " + image + " is missing (./hyplab build makes it)");
        }
        Guest guest = new Guest(GuestKernel.read(name, image), Guest.DEFAULT_CPUS, Guest.DEFAULT_MEMORY);
        Path config = sources.resolve(name).resolve(DOMAIN_FILE);
        return Files.isRegularFile(config) ? withDomainFile(guest, config) : guest;
    }

    /** A guest kernel file, with the default domain; named after the file. */
    public static Guest file(Path file) {
        String name = file.getFileName() == null ? file.toString() : file.getFileName().toString();
        return new Guest(GuestKernel.read(name, file), Guest.DEFAULT_CPUS, Guest.DEFAULT_MEMORY);
    }

    /**
     * A guest as the command line gives it: {@code NAME|FILE[,cpus=N][,memory=MiB][,bootargs=TEXT]}.
     * A path (it has a '/' or names an existing file) is a file; anything else a guest's name.
     * {@code bootargs} comes last and takes the rest, commas included.
     */
    public Guest parse(String spec) {
        return parse(spec, true);
    }

    /**
     * {@link #parse(String)}, where {@code files} says whether a file may be named at all: a
     * request from a web user names only guests of the catalog, never a file of the server.
     */
    public Guest parse(String spec, boolean files) {
        String target = spec;
        String[] options = new String[0];
        if ((!files || !Files.isRegularFile(Path.of(spec))) && spec.contains(",")) {
            int comma = spec.indexOf(',');
            target = spec.substring(0, comma);
            options = spec.substring(comma + 1).split(",", -1);
        }
        if (target.isEmpty()) {
            throw new ScenarioException("--guest needs a guest's name or a file, not '" + spec + "'");
        }
        // Without files, a name is only ever looked up in the catalog, whatever files exist.
        boolean isFile = files && (target.contains("/") || Files.isRegularFile(Path.of(target)));
        Guest guest = isFile ? file(Path.of(target)) : named(target);
        for (int i = 0; i < options.length; i++) {
            String option = options[i];
            if (option.startsWith("bootargs=")) {
                String rest = String.join(",", java.util.Arrays.copyOfRange(options, i, options.length));
                guest = guest.withBootargs(rest.substring("bootargs=".length()));
                break;
            }
            int eq = option.indexOf('=');
            String key = eq < 0 ? option : option.substring(0, eq);
            String value = eq < 0 ? "" : option.substring(eq + 1);
            switch (key) {
                case "cpus" -> guest = guest.withCpus((int) number(spec, key, value, "a number of virtual CPUs"));
                case "memory" -> guest = guest.withMemory(number(spec, key, value, "a number of MiB") << 20);
                default -> throw new ScenarioException("--guest " + spec + ": unknown option '" + option
                        + "' (options: cpus=N, memory=MiB, bootargs=TEXT)");
            }
        }
        return guest;
    }

    private static long number(String spec, String key, String value, String what) {
        if (!value.matches("[0-9]{1,6}")) {
            throw new ScenarioException("--guest " + spec + ": " + key + " must be " + what + ", not '" + value + "'");
        }
        return Long.parseLong(value);
    }

    /** The guest with the domain its domain.yaml describes (ranges are checked by {@link Scenario}). */
    static Guest withDomainFile(Guest guest, Path config) {
        try {
            YamlMap yaml = YamlMap.parse(Files.readString(config), 1).allowOnly("cpus", "memory");
            if (yaml.has("cpus")) {
                guest = guest.withCpus(yaml.requireInt("cpus", 1, 64));
            }
            if (yaml.has("memory")) {
                guest = guest.withMemory(yaml.requireLong("memory", 1, 1L << 32));
            }
            return guest;
        } catch (ContentException e) {
            throw new ScenarioException(config + (e.line() > 0 ? ":" + e.line() : "") + ": " + e.getMessage());
        } catch (IOException e) {
            throw new ScenarioException(config + ": cannot read: " + e.getMessage());
        }
    }
}
