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

    public record Result(List<Row> rows, long total, String correctedQuery) {
    }

    public Result search(String query, UUID skill, PageRequest page) {
        long total = count(query, skill);
        if (total > 0) {
            return new Result(rows(query, skill, page), total, null);
        }
        Optional<String> corrected = correct(query);
        if (corrected.isPresent()) {
            long correctedTotal = count(corrected.get(), skill);
            if (correctedTotal > 0) {
                return new Result(rows(corrected.get(), skill, page), correctedTotal, corrected.get());
            }
        }
        return new Result(List.of(), 0, null);
    }

    private long count(String query, UUID skill) {
        var q = em.createNativeQuery("select count(*) from lesson l"
                + " join lesson_version v on v.lesson_id = l.id and v.version = l.published_version"
                + " where l.status = 'published' and v.search @@ websearch_to_tsquery('english', ?1)"
                + (skill != null ? " and ?2 = any(v.skill_ids)" : ""));
        q.setParameter(1, query);
        if (skill != null) {
            q.setParameter(2, skill);
        }
        return ((Number) q.getSingleResult()).longValue();
    }

    @SuppressWarnings("unchecked")
    private List<Row> rows(String query, UUID skill, PageRequest page) {
        // rank first, then headline only the rows of the page (ts_headline is the expensive part)
        var q = em.createNativeQuery("with q as (select websearch_to_tsquery('english', ?1) as query),"
                + " ranked as (select l.id, l.slug, v.title, v.summary, v.body, v.level, v.skill_ids,"
                + "   ts_rank(v.search, q.query, 1) as rank"
                + "   from lesson l join lesson_version v on v.lesson_id = l.id and v.version = l.published_version, q"
                + "   where l.status = 'published' and v.search @@ q.query"
                + (skill != null ? " and ?4 = any(v.skill_ids)" : "")
                + "   order by rank desc, l.slug limit ?2 offset ?3)"
                + " select r.id, r.slug, r.title, r.summary, r.level, r.skill_ids, r.rank,"
                + "   ts_headline('english', r.title, q.query, 'HighlightAll=true, StartSel=\u0001, StopSel=\u0002'),"
                + "   ts_headline('english', r.summary || ' ' || r.body, q.query,"
                + "     'MaxWords=30, MinWords=12, MaxFragments=2, FragmentDelimiter=\" … \", StartSel=\u0001, StopSel=\u0002')"
                + " from ranked r, q order by r.rank desc, r.slug");
        q.setParameter(1, query);
        q.setParameter(2, page.size());
        q.setParameter(3, page.offset());
        if (skill != null) {
            q.setParameter(4, skill);
        }
        List<Row> rows = new ArrayList<>();
        for (Object[] r : (List<Object[]>) q.getResultList()) {
            rows.add(new Row((UUID) r[0], (String) r[1], (String) r[2], (String) r[3], (String) r[4],
                    uuids(r[5]), ((Number) r[6]).doubleValue(), highlight((String) r[7]), highlight(plain((String) r[8]))));
        }
        return rows;
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
