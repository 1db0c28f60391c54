package org.hyplab.mem;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

/** RAM's lazily allocated pages, the code watcher, and copy-on-write sharing for snapshots. */
class RamTest {

    private static final int PAGE = Ram.PAGE_SIZE;

    @Test
    void pagesReadZeroUntilWrittenAndKeepLittleEndianLanes() {
        Ram ram = new Ram(0x8000_0000L, 4 * PAGE);
        assertEquals(0, ram.read32(PAGE + 8));
        ram.write32(PAGE + 8, 0x1122_3344);
        ram.write8(PAGE + 12, 0xAB);
        ram.write16(PAGE + 14, 0xCDEF);
        assertEquals(0x44, ram.read8(PAGE + 8));
        assertEquals(0x1122, ram.read16(PAGE + 10));
        assertEquals(0xCDEF_00AB, ram.read32(PAGE + 12));
        assertEquals(0xAB11_2233, ram.read32(PAGE + 9));   // unaligned: bytes 9..12
    }

    @Test
    void aWriteAfterShareLeavesTheSharedPagesAsTheyWere() {
        Ram ram = new Ram(0, 4 * PAGE);
        ram.write32(0, 1);
        ram.write32(PAGE, 2);
        Ram.Pages saved = ram.share();
        assertTrue(ram.copiesOnWrite(0) && ram.copiesOnWrite(1));
        assertFalse(ram.copiesOnWrite(2), "a page never written has nothing to share");
        assertEquals(2, saved.allocated());

        ram.write32(0, 10);        // copies page 0
        ram.write32(4, 11);        // page 0 is private now: written in place
        ram.write32(2 * PAGE, 12); // allocates page 2
        assertFalse(ram.copiesOnWrite(0));
        assertTrue(ram.copiesOnWrite(1), "page 1 was not written: still shared");
        assertEquals(10, ram.read32(0));

        ram.restore(saved);
        assertEquals(1, ram.read32(0));
        assertEquals(0, ram.read32(4));
        assertEquals(2, ram.read32(PAGE));
        assertEquals(0, ram.read32(2 * PAGE), "a page allocated after the snapshot reads zero again");
        assertTrue(ram.copiesOnWrite(0), "restored pages are shared with the snapshot again");

        ram.write32(0, 20);        // must not reach the snapshot's page
        ram.restore(saved);
        assertEquals(1, ram.read32(0), "restoring twice gives the same words");
    }

    @Test
    void severalSnapshotsKeepTheirOwnWords() {
        Ram ram = new Ram(0, 2 * PAGE);
        List<Ram.Pages> timeline = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            ram.write32(8, i);
            ram.write32(PAGE + 8, 100 + i);
            timeline.add(ram.share());
        }
        for (int i = 4; i >= 0; i--) {
            ram.restore(timeline.get(i));
            assertEquals(i, ram.read32(8));
            assertEquals(100 + i, ram.read32(PAGE + 8));
            ram.write32(8, -1);   // a write between restores changes no snapshot
        }
        ram.restore(timeline.get(3));
        assertEquals(3, ram.read32(8));
    }

    @Test
    void loadAndSubWordWritesCopyASharedPageToo() {
        Ram ram = new Ram(0, PAGE);
        ram.load(0, new byte[] {1, 2, 3, 4, 5, 6, 7, 8});
        Ram.Pages saved = ram.share();
        ram.load(2, new byte[] {9, 9});
        ram.write8(5, 0x77);
        ram.write16(6, 0x6666);
        assertEquals(0x0909_0201, ram.read32(0));
        ram.restore(saved);
        assertEquals(0x0403_0201, ram.read32(0));
        assertEquals(0x0807_0605, ram.read32(4));
    }

    @Test
    void releasingTheLastSnapshotStopsTheCopies() {
        Ram ram = new Ram(0, 2 * PAGE);
        ram.write32(0, 1);
        Ram.Pages a = ram.share();
        Ram.Pages b = ram.share();
        ram.release(a);
        assertTrue(ram.copiesOnWrite(0), "b still holds page 0");
        ram.release(b);
        assertFalse(ram.copiesOnWrite(0), "no snapshot holds any page");
        assertThrows(IllegalStateException.class, () -> ram.restore(b));
        ram.release(b);   // twice: nothing more happens
        Ram other = new Ram(0, PAGE);
        assertThrows(IllegalArgumentException.class, () -> other.restore(ram.share()));
    }

    /** A restore changes code under the decoded instructions: the watcher hears of each changed word, as of a write. */
    @Test
    void restoreReportsTheWordsItChangesInCodePages() {
        Ram ram = new Ram(0, 3 * PAGE);
        List<String> reported = new ArrayList<>();
        ram.setCodeWatcher((p, w) -> reported.add(p + ":" + w));
        ram.write32(0, 0xE1A0_0000);   // page 0: code
        ram.write32(4, 0xE1A0_0001);
        ram.write32(PAGE, 5);          // page 1: data
        ram.markCode(0);
        ram.markCode(2);               // page 2: code never written (it decodes zeros)
        Ram.Pages saved = ram.share();
        ram.write32(4, 0xE1A0_0002);
        ram.write32(8, 0xE1A0_0003);
        ram.write32(PAGE, 6);
        ram.write32(2 * PAGE + 12, 7);
        assertEquals(List.of("0:1", "0:2", "2:3"), reported, "writes are reported on code pages only");

        reported.clear();
        ram.restore(saved);
        assertEquals(List.of("0:1", "0:2", "2:3"), reported);
        reported.clear();
        ram.restore(saved);   // nothing differs any more
        assertEquals(List.of(), reported);
    }

    @Test
    void contentHashDependsOnContentsOnly() {
        Ram a = new Ram(0, 2 * PAGE);
        Ram b = new Ram(0, 2 * PAGE);
        a.write32(PAGE + 4, 0);   // allocates a page of zeros
        assertEquals(a.contentHash(), b.contentHash());
        a.write32(8, 3);
        assertNotEquals(a.contentHash(), b.contentHash());
        b.write32(8, 3);
        assertEquals(a.contentHash(), b.contentHash());
        b.write32(8, 0);
        b.write32(12, 3);
        assertNotEquals(a.contentHash(), b.contentHash(), "the same word elsewhere is other contents");
    }
}
