package dev.skillpath.system.support;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class FiguresTest {

    @Test
    void theFiguresReplaceWhatIsBetweenTheMarkersAndNothingElse() {
        String doc = "# Title\n\nprose\n\n" + Figures.BEGIN + "\nold table\n" + Figures.END + "\n\nafter\n";
        assertEquals("# Title\n\nprose\n\n" + Figures.BEGIN + "\nnew table\n\n" + Figures.END + "\n\nafter\n",
                Figures.replaceBetweenMarkers(doc, "new table\n"));
    }

    @Test
    void aDocumentWithoutTheMarkersIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> Figures.replaceBetweenMarkers("no markers", "t"));
        assertThrows(IllegalArgumentException.class,
                () -> Figures.replaceBetweenMarkers(Figures.END + " before " + Figures.BEGIN, "t"));
    }
}
