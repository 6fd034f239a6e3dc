package dev.skillpath.content.store;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class LessonSearchTextTest {

    @Test
    void highlightsAreTheOnlyMarkupInASnippet() {
        assertEquals("a &lt;b&gt; &amp; <mark>binary</mark> &quot;search&quot;",
                LessonSearch.highlight("a <b> & \u0001binary\u0002 \"search\""));
        assertEquals("&lt;mark&gt;not mine&lt;/mark&gt;", LessonSearch.highlight("<mark>not mine</mark>"));
    }

    @Test
    void markdownMarkersAreStrippedFromSnippets() {
        assertEquals("Binary search Needs sorted input. Halves the range each step.",
                LessonSearch.plain("## Binary search\n- Needs **sorted** input.\n1. Halves the `range` each step."));
    }

    @Test
    void aHighlightAtTheVeryStartSurvives() {
        assertEquals("<mark>Binary</mark> search", LessonSearch.highlight(LessonSearch.plain("\u0001Binary\u0002 search ")));
    }
}
