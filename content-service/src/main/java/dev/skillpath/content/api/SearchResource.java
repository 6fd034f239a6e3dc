package dev.skillpath.content.api;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.annotation.security.PermitAll;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import dev.skillpath.content.api.LessonViews.SearchHit;
import dev.skillpath.content.api.LessonViews.SearchResults;
import dev.skillpath.content.store.LessonSearch;
import dev.skillpath.platform.api.PageRequest;
import dev.skillpath.platform.api.Problem;
import dev.skillpath.platform.api.ProblemException;
import dev.skillpath.platform.catalog.KnownSkills;
import dev.skillpath.platform.catalog.Level;

@Path("/api/v1/search")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Lessons")
public class SearchResource {

    static final int MAX_QUERY = 200;

    @Inject
    LessonSearch search;

    @Inject
    KnownSkills knownSkills;

    @GET
    @PermitAll
    @Transactional(Transactional.TxType.SUPPORTS)
    @Operation(operationId = "searchLessons", summary = "Search published lessons",
            description = "Web-search syntax: \"a phrase\", or, -exclude. Ranked title > summary > body, with highlighted snippets (<mark>, the rest HTML-escaped). A misspelt word is replaced by the nearest word the lessons use when the query as typed finds nothing; correctedQuery says so.")
    public SearchResults search(@QueryParam("q") String q, @QueryParam("skill") String skill,
            @QueryParam("page") String page, @QueryParam("size") String size) {
        PageRequest request = PageRequest.of(page, size);
        if (q == null || q.isBlank()) {
            throw ProblemException.invalid("Say what to search for.",
                    List.of(new Problem.Violation("q", "must not be blank")));
        }
        if (q.length() > MAX_QUERY) {
            throw ProblemException.invalid("The query is too long.",
                    List.of(new Problem.Violation("q", "must be at most " + MAX_QUERY + " characters")));
        }
        String query = q.replace('\u0000', ' ').strip();
        UUID skillId = skill == null || skill.isBlank() ? null
                : knownSkills.find(skill).map(KnownSkills.KnownSkill::id).orElse(new UUID(0, 0));
        LessonSearch.Result result = search.search(query, skillId, request);
        Map<UUID, KnownSkills.KnownSkill> names = knownSkills.byIds(LessonResource.allSkills(
                result.rows().stream().map(LessonSearch.Row::skillIds).toList()));
        List<SearchHit> hits = result.rows().stream().map(r -> new SearchHit(r.id(), r.slug(), r.title(), r.summary(),
                Level.of(r.level()), LessonResource.tags(r.skillIds(), names), Math.round(r.rank() * 1e6) / 1e6,
                r.titleHighlight(), r.snippet())).toList();
        return new SearchResults(query, result.correctedQuery(), hits, request.page(), request.size(), result.total(),
                result.totalEstimated());
    }
}
