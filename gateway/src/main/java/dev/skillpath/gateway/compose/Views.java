package dev.skillpath.gateway.compose;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * How the composed views are put together from the services' answers, without any I/O: each input is
 * the service's JSON or null when that service did not answer. Services' shapes are read defensively (a
 * paged list is {@code {"items": [...]}}, a bare array is taken as it is, anything else as empty).
 */
public final class Views {

    public static final int MASTERY_ITEMS = 5;
    public static final int PER_SKILL = 3;
    public static final int MAX_NEXT = 10;
    public static final int RECENT_ATTEMPTS = 5;

    private Views() {
    }

    /** The lessons (or quizzes) found for one skill; {@code items} null when the service did not answer. */
    public record ForSkill(String skill, JsonArray items) {
    }

    /**
     * The slugs (else ids) of the frontier's skills, in the frontier's order, then those it lists to confirm (a
     * newcomer's fringe is all "to confirm"), at most {@code limit}.
     */
    public static List<String> frontierSkills(JsonObject frontier, int limit) {
        List<String> skills = new ArrayList<>();
        List<Object> fringe = new ArrayList<>(skillList(frontier));
        fringe.addAll(skillList(frontier, "toConfirm"));
        for (Object item : fringe) {
            String ref = skillRef(item);
            if (ref != null && !skills.contains(ref)) {
                skills.add(ref);
                if (skills.size() == limit) {
                    break;
                }
            }
        }
        return skills;
    }

    public static JsonObject dashboard(String learnerId, JsonObject mastery, JsonObject frontier, List<ForSkill> lessons,
            List<ForSkill> quizzes, JsonObject attempts, Collection<String> degraded) {
        String learner = firstString(mastery, "learnerId", firstString(frontier, "learnerId", learnerId));
        JsonArray recent = new JsonArray();
        items(attempts).stream().limit(RECENT_ATTEMPTS).forEach(recent::add);
        return new JsonObject()
                .put("learnerId", learner)
                .put("mastery", masterySummary(mastery))
                .put("frontier", frontier == null ? new JsonArray() : new JsonArray(new ArrayList<>(skillList(frontier))))
                .put("toConfirm", new JsonArray(new ArrayList<>(skillList(frontier, "toConfirm"))))
                .put("reviewsDue", reviewsDue(mastery))
                .put("nextLessons", next(lessons))
                .put("nextQuizzes", next(quizzes))
                .put("recentAttempts", recent)
                .put("degraded", new JsonArray(new ArrayList<>(new TreeSet<>(degraded))));
    }

    /**
     * The mastered skills whose review is due (state {@code review-due}), most overdue first: each skill's entry of
     * the mastery list, its memory included.
     */
    static JsonArray reviewsDue(JsonObject mastery) {
        JsonArray due = new JsonArray();
        if (mastery == null) {
            return due;
        }
        skillList(mastery).stream().filter(i -> i instanceof JsonObject o && "review-due".equals(o.getValue("state")))
                .map(JsonObject.class::cast)
                .sorted(Comparator.comparing((JsonObject s) -> s.getValue("memory") instanceof JsonObject m
                        && m.getValue("dueAt") instanceof String t ? t : ""))
                .forEach(due::add);
        return due;
    }

    /**
     * Skills with evidence, how many are mastered, how many of those are due for review, and the five with the most
     * recent evidence.
     */
    static JsonObject masterySummary(JsonObject mastery) {
        if (mastery == null) {
            return null;
        }
        List<JsonObject> skills = new ArrayList<>();
        for (Object item : skillList(mastery)) {
            if (item instanceof JsonObject o) {
                skills.add(o);
            }
        }
        long mastered = skills.stream()
                .filter(s -> "mastered".equals(s.getValue("state")) || Boolean.TRUE.equals(s.getValue("mastered")))
                .count();
        // ISO-8601 instants with the same offset sort as text; missing ones last.
        Comparator<JsonObject> byRecentEvidence = Comparator.comparing(
                (JsonObject s) -> s.getValue("lastEvidenceAt") instanceof String t ? t : "",
                Comparator.reverseOrder());
        JsonArray top = new JsonArray();
        skills.stream().sorted(byRecentEvidence).limit(MASTERY_ITEMS).forEach(top::add);
        long reviewDue = skills.stream().filter(s -> "review-due".equals(s.getValue("state"))).count();
        return new JsonObject().put("skills", skills.size()).put("mastered", mastered).put("reviewDue", reviewDue)
                .put("items", top);
    }

    /** Up to {@link #PER_SKILL} per skill in the skills' order, each once, at most {@link #MAX_NEXT}. */
    static JsonArray next(List<ForSkill> perSkill) {
        JsonArray next = new JsonArray();
        Set<Object> seen = new HashSet<>();
        for (ForSkill forSkill : perSkill) {
            int taken = 0;
            for (Object item : forSkill.items() == null ? List.of() : forSkill.items().getList()) {
                if (next.size() == MAX_NEXT || taken == PER_SKILL) {
                    break;
                }
                JsonObject o = item instanceof JsonObject j ? j : item instanceof Map<?, ?> m ? new JsonObject(castMap(m)) : null;
                if (o == null) {
                    continue;
                }
                Object key = o.getValue("id") != null ? o.getValue("id") : o.getValue("slug");
                if (key != null && !seen.add(key)) {
                    continue;
                }
                next.add(o.copy().put("forSkill", forSkill.skill()));
                taken++;
            }
        }
        return next;
    }

    /** The path's steps, each with the lessons and quizzes found for its skill. */
    public static JsonObject path(JsonObject path, Map<String, JsonArray> lessons, Map<String, JsonArray> quizzes,
            Collection<String> degraded) {
        JsonObject view = path.copy();
        JsonArray steps = new JsonArray();
        Object original = path.getValue("steps");
        if (original instanceof JsonArray array) {
            for (Object step : array) {
                if (!(step instanceof JsonObject s)) {
                    continue;
                }
                String ref = skillRef(s);
                steps.add(s.copy()
                        .put("lessons", limited(lessons.get(ref)))
                        .put("quizzes", limited(quizzes.get(ref))));
            }
        }
        return view.put("steps", steps).put("degraded", new JsonArray(new ArrayList<>(new TreeSet<>(degraded))));
    }

    /** The step (or frontier) skills' slugs, else ids, in order. */
    public static List<String> pathSkills(JsonObject path) {
        List<String> skills = new ArrayList<>();
        if (path.getValue("steps") instanceof JsonArray array) {
            for (Object step : array) {
                String ref = skillRef(step);
                if (ref != null && !skills.contains(ref)) {
                    skills.add(ref);
                }
            }
        }
        return skills;
    }

    /** The items of a paged list ({@code {"items": [...]}}) or a bare array; empty for anything else. */
    public static JsonArray items(Object answer) {
        if (answer instanceof JsonObject o && o.getValue("items") instanceof JsonArray a) {
            return a;
        }
        if (answer instanceof JsonArray a) {
            return a;
        }
        return new JsonArray();
    }

    private static JsonArray limited(JsonArray items) {
        JsonArray limited = new JsonArray();
        if (items != null) {
            items.stream().limit(PER_SKILL).forEach(limited::add);
        }
        return limited;
    }

    /** The {@code skills} list of a mastery or frontier answer. */
    private static List<Object> skillList(JsonObject answer) {
        return skillList(answer, "skills");
    }

    private static List<Object> skillList(JsonObject answer, String field) {
        if (answer != null && answer.getValue(field) instanceof JsonArray a) {
            return a.getList().stream().map(Views::asJson).toList();
        }
        return List.of();
    }

    private static Object asJson(Object o) {
        return o instanceof Map<?, ?> m ? new JsonObject(castMap(m)) : o;
    }

    /** {@code {"skill": {"slug": ...}}} (a progress item) or {@code {"slug": ...}}; the id when there is no slug. */
    static String skillRef(Object item) {
        if (!(item instanceof JsonObject o)) {
            return null;
        }
        if (o.getValue("skill") instanceof JsonObject skill) {
            return firstString(skill, "slug", firstString(skill, "id", null));
        }
        return firstString(o, "slug", firstString(o, "id", null));
    }

    private static String firstString(JsonObject o, String key, String otherwise) {
        return o != null && o.getValue(key) instanceof String s && !s.isBlank() ? s : otherwise;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> castMap(Map<?, ?> m) {
        return new LinkedHashMap<>((Map<String, Object>) m);
    }
}
