package org.hyplab.board;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import org.hyplab.content.Catalog;
import org.hyplab.content.ContentException;
import org.hyplab.content.LoadProblem;
import org.hyplab.testing.TestProject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BoardFilesTest {

    @Test
    void theRepositoryBoardsLoadWithoutProblems() {
        Catalog<BoardDescription> boards = BoardFiles.load(TestProject.repositoryRoot());
        assertEquals(List.of(), boards.problems());
        assertEquals(List.of("arndale", "vexpress-a15"), boards.entries().stream().map(BoardDescription::id).toList());

        BoardDescription vexpress = boards.find(BoardDescription::id, "vexpress-a15").orElseThrow();
        assertEquals(2, vexpress.cpus());
        assertEquals("Cortex-A15", vexpress.cpu());
        // Linux's vexpress-v2p-ca15-tc1.dts root compatible, most specific first (BOARDS.md §2.9).
        assertEquals(List.of("arm,vexpress,v2p-ca15,tc1", "arm,vexpress,v2p-ca15", "arm,vexpress"), vexpress.compatible());
        assertEquals(Optional.of("vexpress-a15"), vexpress.qemuMachine());

        BoardDescription arndale = boards.find(BoardDescription::id, "arndale").orElseThrow();
        assertEquals("insignal,arndale", arndale.compatible().get(0));
        assertEquals(Optional.empty(), arndale.qemuMachine(), "QEMU has no Exynos 5250 model");
    }

    @Test
    void aMalformedBoardFileIsNamedWithItsFaultAndTheOthersStillLoad(@TempDir Path dir) {
        TestProject project = TestProject.copyOfRepository(dir)
                .with("boards/broken.yaml", "name: Broken\nsummary: x\ncpu: Cortex-A15\ncpus: [2\n")
                .with("boards/typo.yaml", "name: Typo\nsummary: x\ncpu: Cortex-A15\ncpus: 2\ncompatibel: [a]\n");
        Catalog<BoardDescription> boards = BoardFiles.load(project.root());

        assertEquals(List.of("arndale", "vexpress-a15"), boards.entries().stream().map(BoardDescription::id).toList());
        assertEquals(2, boards.problems().size());
        LoadProblem broken = boards.problems().get(0);
        assertEquals("boards/broken.yaml", broken.file());
        assertTrue(broken.line() >= 4, broken.describe());
        assertTrue(broken.message().startsWith("not valid YAML"), broken.describe());
        assertEquals(new LoadProblem("boards/typo.yaml", 0,
                        "unknown field 'compatibel' (known fields: compatible, cpu, cpus, name, qemu-machine, summary)"),
                boards.problems().get(1));
    }

    @Test
    void fieldsAreChecked() {
        String base = "name: B\nsummary: s\ncpu: Cortex-A15\ncompatible: x\n";
        assertEquals("field 'cpus' must be a whole number from 1 to 4, found the number 0",
                assertThrows(ContentException.class, () -> BoardFiles.parse("b", base + "cpus: 0\n")).getMessage());
        assertEquals("missing field 'cpus' (a whole number from 1 to 4)",
                assertThrows(ContentException.class, () -> BoardFiles.parse("b", base)).getMessage());
        assertEquals(List.of("x"), BoardFiles.parse("b", base + "cpus: 1\n").compatible());
    }
}
