package org.hyplab.board;

import java.nio.file.Path;

import org.hyplab.content.Catalog;
import org.hyplab.content.ContentFolder;
import org.hyplab.content.YamlMap;

/** Reads {@code boards/*.yaml} into {@link BoardDescription}s. */
public final class BoardFiles {

    /** Cortex-A15 MPCore clusters have one to four cores; both HypLab boards have two. */
    static final int MAX_CPUS = 4;

    private BoardFiles() {
    }

    public static Catalog<BoardDescription> load(Path projectRoot) {
        return new ContentFolder(projectRoot, "boards", ".yaml", ".yml").load(BoardFiles::parse);
    }

    /** One board file's text; throws {@link org.hyplab.content.ContentException} when it is wrong. */
    public static BoardDescription parse(String id, String text) {
        YamlMap yaml = YamlMap.parse(text, 1)
                .allowOnly("name", "summary", "cpu", "cpus", "compatible", "qemu-machine");
        // TODO(issue 5, board-data helper): the machine description (memory, gic, devices, ...).
        return new BoardDescription(id,
                yaml.requireText("name"),
                yaml.requireText("summary"),
                yaml.requireText("cpu"),
                yaml.requireInt("cpus", 1, MAX_CPUS),
                yaml.requireTextList("compatible"),
                yaml.optionalText("qemu-machine"),
                "", 0, 0, 0, java.util.List.of(), null, java.util.List.of(), java.util.List.of(), "", null);
    }
}
