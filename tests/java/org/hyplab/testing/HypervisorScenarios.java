package org.hyplab.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.hyplab.scenario.Guest;
import org.hyplab.scenario.GuestCatalog;
import org.hyplab.scenario.Scenario;

import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * The hypervisor's scenarios, {@code tests/hypervisor/scenarios.yaml} (name: list of guests), with
 * their reviewed transcripts {@code tests/hypervisor/NAME-BOARD.txt}, and how tests read a
 * console: the lines of each domain, those that start {@code (dN) }.
 */
public final class HypervisorScenarios {

    public static final Path DIR = Path.of("tests/hypervisor");
    public static final List<String> BOARDS = List.of("vexpress-a15", "arndale");
    /** The RAM each board's transcripts were written for. */
    public static final Map<String, Long> MEMORY = Map.of("vexpress-a15", 256L << 20, "arndale", 1L << 30);
    private static final Pattern DOMAIN_LINE = Pattern.compile("^\\(d([0-9]+)\\) .*");

    private HypervisorScenarios() {
    }

    /** The scenarios in file order: name to guests in domain order. */
    public static Map<String, List<String>> all() {
        JsonNode root;
        try {
            root = YAMLMapper.builder().build().readTree(Files.readString(DIR.resolve("scenarios.yaml")));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, List<String>> scenarios = new LinkedHashMap<>();
        for (String name : root.propertyNames()) {
            List<String> guests = new ArrayList<>();
            root.get(name).forEach(g -> guests.add(g.asString()));
            scenarios.put(name, List.copyOf(guests));
        }
        return scenarios;
    }

    public static List<String> guests(String scenario) {
        List<String> guests = all().get(scenario);
        if (guests == null) {
            throw new AssertionError("no scenario " + scenario + " in tests/hypervisor/scenarios.yaml");
        }
        return guests;
    }

    /** The scenario on {@code board} with the RAM its transcripts were written for. */
    public static Scenario scenario(String name, String board) {
        return scenario(name, board, MEMORY.get(board));
    }

    /** The scenario on {@code board} with {@code memBytes} of RAM. */
    public static Scenario scenario(String name, String board, long memBytes) {
        GuestCatalog catalog = GuestCatalog.of(TestProject.repositoryRoot(), Qemu.armDir());
        List<Guest> guests = guests(name).stream().map(catalog::parse).toList();   // "NAME[,cpus=N][,bootargs=...]"
        return Scenario.of(Emulator.board(board), memBytes, guests);
    }

    public static byte[] hypervisor() {
        try {
            return Files.readAllBytes(Qemu.armDir().resolve("hypervisor.bin"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The reviewed transcript, CR LF read as LF. */
    public static String golden(String scenario, String board) {
        Path file = DIR.resolve(scenario + "-" + board + ".txt");
        if (!Files.isRegularFile(file)) {
            throw new AssertionError(file + " is missing: every scenario of scenarios.yaml needs its reviewed "
                    + "transcripts (tests/hypervisor/README.md)");
        }
        try {
            return Files.readString(file, StandardCharsets.ISO_8859_1).replace("\r\n", "\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A console's lines by the domain they are about ("(d2) ..." and "(XEN) d2: ..."), the
     * hypervisor's other lines under "": each group's lines in order. With two CPUs, lines of
     * different domains interleave in an order that depends on timing (HypLab's is
     * deterministic, but moves with any change in the hypervisor's or a guest's speed; QEMU's
     * depends on real time); within a domain, and for the hypervisor's own lines, the order is
     * fixed. A line itself is never broken.
     */
    public static Map<String, List<String>> byDomain(String console) {
        Map<String, List<String>> lines = new java.util.TreeMap<>();
        Pattern domain = Pattern.compile("^(?:\\(XEN\\) )?\\(?(d\\d+)[):]");
        for (String line : console.replace("\r\n", "\n").lines().toList()) {
            Matcher m = domain.matcher(line);
            lines.computeIfAbsent(m.find() ? m.group(1) : "", k -> new ArrayList<>()).add(line);
        }
        return lines;
    }

    /** Each domain's lines, {@code (dN) } prefix kept, in the order printed; domains by number. */
    public static Map<Integer, List<String>> domainLines(String console) {
        Map<Integer, List<String>> byDomain = new java.util.TreeMap<>();
        for (String line : console.replace("\r\n", "\n").split("\n")) {
            Matcher m = DOMAIN_LINE.matcher(line);
            if (m.matches()) {
                byDomain.computeIfAbsent(Integer.parseInt(m.group(1)), d -> new ArrayList<>()).add(line);
            }
        }
        return byDomain;
    }
}
