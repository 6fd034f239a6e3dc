package dev.skillpath.skills.xapi;

import java.util.Arrays;
import java.util.Optional;

/**
 * The verbs Skillpath's learning records use, each the ADL registry's IRI (so any LRS or report reads them without a
 * mapping of ours) with its English display. The display is for people only: the IRI is the verb.
 */
public enum XapiVerb {

    /** One graded answer to one question, of an attempt or of a practice session. */
    ANSWERED("answered"),
    /** A quiz attempt graded, or a lesson finished. */
    COMPLETED("completed"),
    /** A graded attempt that reached the quiz's pass mark. */
    PASSED("passed"),
    /** A graded attempt below the quiz's pass mark. */
    FAILED("failed"),
    /** The learner model's estimate of a skill crossed the mastery threshold. */
    MASTERED("mastered"),
    /** The learner model's estimate of a skill moved (either way). */
    PROGRESSED("progressed");

    /** The ADL verb registry's namespace (xAPI 1.0.3, "ADL verbs"). */
    public static final String ADL = "http://adlnet.gov/expapi/verbs/";

    private final String display;
    private final String iri;

    XapiVerb(String display) {
        this.display = display;
        this.iri = ADL + display;
    }

    public String iri() {
        return iri;
    }

    /** The {@code en-US} display, the word itself. */
    public String display() {
        return display;
    }

    /** The verb of this IRI, if it is one of ours. */
    public static Optional<XapiVerb> of(String iri) {
        return Arrays.stream(values()).filter(v -> v.iri.equals(iri)).findFirst();
    }
}
