package org.hyplab.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.hyplab.board.BoardDescription;
import org.hyplab.scenario.Guest;
import org.hyplab.scenario.GuestCatalog;
import org.hyplab.scenario.Scenario;
import org.hyplab.scenario.ScenarioException;

/**
 * What {@code run --hypervisor} and {@code export} share: the project's ARM build (the
 * hypervisor image and the guests, {@code target/arm} unless {@code -Dhyplab.arm.dir}) and a
 * {@link Scenario} made from {@code --guest} options, its problems turned into usage errors.
 */
final class ScenarioArgs {

    private ScenarioArgs() {
    }

    static Path armDir(Path root) {
        String dir = System.getProperty("hyplab.arm.dir");
        return dir != null ? Path.of(dir) : root.resolve("target/arm");
    }

    /** HypLab's own hypervisor, as the build makes it. */
    static Path defaultHypervisor(Path root) {
        return armDir(root).resolve("hypervisor.bin");
    }

    /** The scenario of the {@code --guest} specs on {@code board} with {@code memBytes} of RAM. */
    static Scenario scenario(Path root, BoardDescription board, long memBytes, List<String> guestSpecs) {
        GuestCatalog catalog = GuestCatalog.of(root, armDir(root));
        try {
            List<Guest> guests = new ArrayList<>();
            for (String spec : guestSpecs) {
                guests.add(catalog.parse(spec));
            }
            return Scenario.of(board, memBytes, guests);
        } catch (ScenarioException e) {
            throw new Command.UsageException(e.getMessage());
        }
    }
}
