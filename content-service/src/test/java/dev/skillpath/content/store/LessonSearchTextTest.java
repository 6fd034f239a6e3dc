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

    /** ts_headline's fragment joins summary and body, so a heading's marker can land mid-line (seen by the web app). */
    @Test
    void aHeadingMarkerMidSnippetGoesAndAnUnderscoreInsideAWordStays() {
        assertEquals("How orders flow. Why validate_order runs first and why it matters",
                LessonSearch.plain("How orders flow. ## Why validate_order runs first and _why_ it matters"));
        assertEquals("C# and F# are languages; issue #42", LessonSearch.plain("C# and F# are languages; issue #42"));
    }

    @Test
    void aHighlightAtTheVeryStartSurvives() {
        assertEquals("<mark>Binary</mark> search", LessonSearch.highlight(LessonSearch.plain("\u0001Binary\u0002 search ")));
    }
}
