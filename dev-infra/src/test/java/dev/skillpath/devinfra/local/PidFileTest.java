package dev.skillpath.devinfra.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PidFileTest {

    @TempDir
    Path tmp;

    @Test
    void writesAndReadsBackCreatingFolders() {
        Path f = tmp.resolve("a/b/x.pid");
        PidFile.write(f, 1234);
        assertEquals(OptionalLong.of(1234), PidFile.read(f));
    }

    @Test
    void readsTheFirstLineOfPostmasterPid() throws Exception {
        Path f = Files.writeString(tmp.resolve("postmaster.pid"), "  5678\n/data\n1700000000\n15432\n");
        assertEquals(OptionalLong.of(5678), PidFile.read(f));
    }

    @Test
    void missingEmptyOrGarbageIsEmpty() throws Exception {
        assertEquals(OptionalLong.empty(), PidFile.read(tmp.resolve("none")));
        assertEquals(OptionalLong.empty(), PidFile.read(Files.writeString(tmp.resolve("e"), "")));
        assertEquals(OptionalLong.empty(), PidFile.read(Files.writeString(tmp.resolve("g"), "abc\n")));
        assertEquals(OptionalLong.empty(), PidFile.read(Files.writeString(tmp.resolve("z"), "0\n")));
    }

    @Test
    void deletesOnlyItsOwnFile() {
        Path f = tmp.resolve("dev-infra.pid");
        PidFile.write(f, 1);
        PidFile.deleteIfOwnedBy(f, 2);
        assertTrue(Files.exists(f));
        PidFile.deleteIfOwnedBy(f, 1);
        assertFalse(Files.exists(f));
    }
}
