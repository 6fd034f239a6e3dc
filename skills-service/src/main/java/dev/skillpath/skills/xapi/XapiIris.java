package dev.skillpath.skills.xapi;

import java.net.URI;
import java.util.UUID;

/**
 * The IRIs of a deployment's learning records: the home page that names the system of the learners' accounts, and
 * the base every activity and extension IRI of ours starts with. Activities are named by id, never by slug: a slug
 * can be renamed (skills keep aliases), an id cannot, and a statement's object must mean the same thing forever.
 *
 * @param homePage     the {@code account.homePage} of every actor, e.g. {@code https://skillpath.example}
 * @param activityBase the base of {@code <base>/activities/questions/<id>} and the other activity and extension IRIs
 */
public record XapiIris(String homePage, String activityBase) {

    /** xAPI's activity types (ADL registry) for what Skillpath's statements are about. */
    public static final String QUESTION_TYPE = "http://adlnet.gov/expapi/activities/cmi.interaction";
    public static final String QUIZ_TYPE = "http://adlnet.gov/expapi/activities/assessment";
    public static final String LESSON_TYPE = "http://adlnet.gov/expapi/activities/lesson";
    public static final String SKILL_TYPE = "http://adlnet.gov/expapi/activities/objective";

    public XapiIris {
        homePage = absolute(homePage, "skillpath.xapi.home-page");
        activityBase = absolute(activityBase, "skillpath.xapi.activity-base");
        while (activityBase.endsWith("/")) {
            activityBase = activityBase.substring(0, activityBase.length() - 1);
        }
    }

    public String question(UUID id) {
        return activityBase + "/activities/questions/" + id;
    }

    public String quiz(UUID id) {
        return activityBase + "/activities/quizzes/" + id;
    }

    public String lesson(UUID id) {
        return activityBase + "/activities/lessons/" + id;
    }

    public String skill(UUID id) {
        return activityBase + "/activities/skills/" + id;
    }

    /** An extension key of ours, e.g. {@code <base>/extensions/previous-probability}. */
    public String extension(String name) {
        return activityBase + "/extensions/" + name;
    }

    /**
     * Whether {@code iri} is an absolute IRI as a query parameter may give one: a scheme, no spaces or controls.
     * IRIs allow characters URIs do not, so the check is {@link URI}'s on the ASCII part only: non-ASCII characters
     * stand in as a letter.
     */
    public static boolean isAbsoluteIri(String iri) {
        if (iri == null || iri.isEmpty() || iri.length() > 2048) {
            return false;
        }
        StringBuilder ascii = new StringBuilder(iri.length());
        for (int i = 0; i < iri.length(); i++) {
            char c = iri.charAt(i);
            if (c <= ' ' || c == 0x7f) {
                return false;
            }
            ascii.append(c < 0x80 ? c : 'x');
        }
        try {
            URI uri = new URI(ascii.toString());
            return uri.isAbsolute();
        } catch (java.net.URISyntaxException e) {
            return false;
        }
    }

    private static String absolute(String iri, String setting) {
        if (!isAbsoluteIri(iri) || !(iri.startsWith("https://") || iri.startsWith("http://"))) {
            throw new IllegalArgumentException(setting + " must be an absolute http(s) IRI, not " + iri);
        }
        return iri;
    }
}
