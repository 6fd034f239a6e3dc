package dev.skillpath.content.api;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import dev.skillpath.content.api.LessonViews.CompletionView;
import dev.skillpath.content.domain.Lesson;
import dev.skillpath.content.domain.LessonCompletion;
import dev.skillpath.content.store.LessonStore;
import dev.skillpath.platform.api.Page;
import dev.skillpath.platform.api.PageRequest;
import dev.skillpath.platform.security.Caller;
import io.quarkus.security.Authenticated;

@Path("/api/v1/learners/me/completions")
@Produces(MediaType.APPLICATION_JSON)
@Authenticated
@SecurityRequirement(name = "bearer")
@Tag(name = "Lessons")
public class CompletionResource {

    @Inject
    Caller caller;

    @Inject
    EntityManager em;

    @Inject
    LessonStore store;

    @GET
    @Transactional(Transactional.TxType.SUPPORTS)
    @Operation(operationId = "listCompletions",
            summary = "The lessons you finished, newest first (admins: anyone's with ?learner=)")
    public Page<CompletionView> list(@Parameter(description = "admins only: another learner's id") @QueryParam("learner") String learner,
            @QueryParam("page") String page, @QueryParam("size") String size) {
        String learnerId = caller.learnerOrSelf(learner);
        PageRequest request = PageRequest.of(page, size);
        long total = LessonCompletion.count("learnerId", learnerId);
        List<LessonCompletion> completions = em.createQuery("select c from LessonCompletion c where c.learnerId = :l"
                + " order by c.completedAt desc, c.lessonId", LessonCompletion.class).setParameter("l", learnerId)
                .setFirstResult(request.offset()).setMaxResults(request.size()).getResultList();
        Map<UUID, Lesson> lessons = store.lessons(completions.stream().map(c -> c.lessonId).toList());
        return Page.of(completions.stream().map(c -> {
            Lesson l = lessons.get(c.lessonId);
            return new CompletionView(c.lessonId, l.slug, l.title, c.version, c.completedAt);
        }).toList(), request, total);
    }
}
