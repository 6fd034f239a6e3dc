package dev.skillpath.content.store;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import dev.skillpath.platform.api.PageRequest;

/**
 * Full-text search over what learners can read (the published version of each published lesson), with
 * PostgreSQL: web-search syntax ({@code "a phrase"}, {@code or}, {@code -word}), ranking weighted title >
 * summary > body, highlighted snippets, and a "did you mean" step that replaces misspelt words by their
 * nearest word of the lessons (trigram similarity) when the query as typed finds nothing.
 */
@ApplicationScoped
public class LessonSearch {

    /** Marks around highlights inside PostgreSQL; HTML-escaped text gets {@code <mark>} in their place. */
    private static final String START = "\u0001";
    private static final String STOP = "\u0002";
    /** Trigram similarity below which a word is not taken for a misspelling ("djnago" → "django" is 0.27). */
    static final double MIN_SIMILARITY = 0.25;
    private static final Pattern WORD = Pattern.compile("(?<![\\p{L}\\-])(\\p{L}{3,40})");

    @Inject
    EntityManager em;

    public record Row(UUID id, String slug, String title, String summary, String level, List<UUID> skillIds,
            double rank, String titleHighlight, String snippet) {
    }

    /**
     * A page of results. {@code total} is exact when {@code totalEstimated} is false; beyond {@link #CANDIDATES}
     * matches it is the planner's estimate from the words' statistics (never below what was seen).
     */
    public record Result(List<Row> rows, long total, boolean totalEstimated, String correctedQuery) {
    }

    /**
     * Matches ranked for one page at most (more for a page beyond them): the bound that keeps the cost of a common
     * word flat. They are the lessons with the words in their title or summary (what ranks highest: weights A and B)
     * and any others, up to this many of each, in index order; a word in more lessons than that is ranked within
     * them, and its total estimated.
     */
    public static final int CANDIDATES = 1_000;

    public Result search(String query, UUID skill, PageRequest page) {
        Result found = rows(query, skill, page);
        if (found.total() > 0) {
            return found;
        }
        Optional<String> corrected = correct(query);
        if (corrected.isPresent()) {
            Result again = rows(corrected.get(), skill, page);
            if (again.total() > 0) {
                return new Result(again.rows(), again.total(), again.totalEstimated(), corrected.get());
            }
        }
        return new Result(List.of(), 0, false, null);
    }

    @SuppressWarnings("unchecked")
    private Result rows(String query, UUID skill, PageRequest page) {
        int cap = Math.max(CANDIDATES, page.offset() + page.size());
        String ofSkill = skill != null ? " and ?5 = any(s.skill_ids)" : "";
        // the lessons with the words in their title or summary first (head), then any others, each up to the cap
        var q = em.createNativeQuery("with q as (select websearch_to_tsquery('english', ?1) as query),"
                + " candidates as ((select s.lesson_id, s.version, s.search from lesson_search s, q"
                + "   where s.head @@ q.query and s.search @@ q.query" + ofSkill + " limit ?4)"
                + "  union all (select s.lesson_id, s.version, s.search from lesson_search s, q"
                + "   where s.search @@ q.query" + ofSkill + " limit ?4)),"
                + " ranked as (select distinct on (c.lesson_id) c.lesson_id, c.version,"
                + "   ts_rank(c.search, q.query, 1) as rank from candidates c, q order by c.lesson_id),"
                + " counted as (select r.*, count(*) over () as found from ranked r)"
                + " select l.id, l.slug, v.title, v.summary, v.level, v.skill_ids, r.rank,"
                + "   ts_headline('english', v.title, q.query, 'HighlightAll=true, StartSel=\u0001, StopSel=\u0002'),"
                + "   ts_headline('english', v.summary || ' ' || v.body, q.query,"
                + "     'MaxWords=30, MinWords=12, MaxFragments=2, FragmentDelimiter=\" … \", StartSel=\u0001, StopSel=\u0002'),"
                + "   r.found"
                + " from (select * from counted order by rank desc, lesson_id limit ?2 offset ?3) r"
                + " join lesson l on l.id = r.lesson_id"
                + " join lesson_version v on v.lesson_id = r.lesson_id and v.version = r.version, q"
                + " order by r.rank desc, l.slug");
        q.setParameter(1, query);
        q.setParameter(2, page.size());
        q.setParameter(3, page.offset());
        q.setParameter(4, cap + 1);
        if (skill != null) {
            q.setParameter(5, skill);
        }
        List<Row> rows = new ArrayList<>();
        long found = 0;
        for (Object[] r : (List<Object[]>) q.getResultList()) {
            rows.add(new Row((UUID) r[0], (String) r[1], (String) r[2], (String) r[3], (String) r[4],
                    uuids(r[5]), ((Number) r[6]).doubleValue(), highlight((String) r[7]), highlight(plain((String) r[8]))));
            found = ((Number) r[9]).longValue();
        }
        if (rows.isEmpty() && page.offset() > 0) {
            found = count(query, skill, cap + 1); // a page past the end: still say how many there are
        }
        if (found <= cap) {
            return new Result(rows, found, false, null);
        }
        return new Result(rows, Math.max(found, estimate(query, skill)), true, null);
    }

    /** The matches, counted up to {@code limit}. */
    private long count(String query, UUID skill, int limit) {
        var q = em.createNativeQuery("select count(*) from (select 1 from lesson_search s"
                + " where s.search @@ websearch_to_tsquery('english', ?1)"
                + (skill != null ? " and ?2 = any(s.skill_ids)" : "") + " limit ?3) m");
        q.setParameter(1, query);
        if (skill != null) {
            q.setParameter(2, skill);
        }
        q.setParameter(3, limit);
        return ((Number) q.getSingleResult()).longValue();
    }

    /** The planner's estimate of the matches (from the words' statistics), for a total beyond the candidates. */
    private long estimate(String query, UUID skill) {
        String sql = "explain (format json) select 1 from lesson_search s where s.search @@ websearch_to_tsquery("
                + "'english', " + literal(query) + ")"
                + (skill != null ? " and " + literal(skill.toString()) + "::uuid = any(s.skill_ids)" : "");
        Matcher m = PLAN_ROWS.matcher(String.valueOf(em.createNativeQuery(sql).getSingleResult()));
        return m.find() ? Math.round(Double.parseDouble(m.group(1))) : 0;
    }

    private static final Pattern PLAN_ROWS = Pattern.compile("\"Plan Rows\":\\s*([0-9.eE+]+)");

    /** Text as an SQL string literal (EXPLAIN takes no parameters): its quotes doubled, a standard string. */
    static String literal(String text) {
        return "'" + text.replace("'", "''") + "'";
    }

    /** The query with each word that matches no lesson replaced by the nearest word the lessons use. */
    Optional<String> correct(String query) {
        Matcher m = WORD.matcher(query);
        StringBuilder out = new StringBuilder();
        boolean changed = false;
        while (m.find()) {
            String word = m.group(1);
            String replacement = word;
            if (!word.equalsIgnoreCase("or") && !known(word)) {
                replacement = nearest(word).orElse(word);
            }
            changed |= !replacement.equalsIgnoreCase(word);
            m.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        m.appendTail(out);
        return changed ? Optional.of(out.toString()) : Optional.empty();
    }

    private boolean known(String word) {
        return !em.createNativeQuery("select 1 from search_word where word = lower(?1)").setParameter(1, word)
                .getResultList().isEmpty();
    }

    @SuppressWarnings("unchecked")
    private Optional<String> nearest(String word) {
        // nearest neighbour by trigram distance, from the GiST index; too far away is no correction at all
        List<Object> found = em.createNativeQuery("select word from (select word, similarity(word, lower(?1)) as s"
                + " from search_word order by word <-> lower(?1) limit 1) nearest where s >= ?2")
                .setParameter(1, word).setParameter(2, MIN_SIMILARITY).getResultList();
        return found.stream().findFirst().map(Object::toString);
    }

    /** Escapes HTML, then turns the highlight marks into {@code <mark>} elements. */
    static String highlight(String text) {
        if (text == null) {
            return null;
        }
        String escaped = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
        return escaped.replace(START, "<mark>").replace(STOP, "</mark>");
    }

    /** Markdown punctuation that means nothing in a one-line snippet. */
    static String plain(String markdown) {
        if (markdown == null) {
            return null;
        }
        // a heading's marker may follow other text: ts_headline joins the summary, the body and its fragments
        return markdown.replaceAll("(?m)(^|\\s)#{1,6}\\s+", "$1")
                .replaceAll("(?m)^\\s{0,3}([-*+]|>|\\d+\\.)\\s+", "")
                .replaceAll("[`*]{1,3}", "")
                // underscores mark emphasis only at a word's edge: validate_order keeps its own
                .replaceAll("(?<![\\p{L}\\p{N}])_{1,3}|_{1,3}(?![\\p{L}\\p{N}])", "")
                .replaceAll("\\s+", " ").strip();
    }

    private static List<UUID> uuids(Object array) {
        if (array == null) {
            return List.of();
        }
        if (array instanceof UUID[] a) {
            return List.of(a);
        }
        if (array instanceof Object[] a) {
            List<UUID> ids = new ArrayList<>();
            for (Object o : a) {
                ids.add(o instanceof UUID u ? u : UUID.fromString(o.toString()));
            }
            return ids;
        }
        try {
            return uuids(((java.sql.Array) array).getArray());
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
