package dev.skillpath.skills.api;

import java.util.List;

import jakarta.annotation.security.PermitAll;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import dev.skillpath.skills.api.SkillViews.CategoryView;

@Path("/api/v1/skill-categories")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Skills")
public class CategoryResource {

    @Inject
    EntityManager em;

    @GET
    @PermitAll
    @Transactional(Transactional.TxType.SUPPORTS)
    @Operation(operationId = "listSkillCategories",
            summary = "The skill categories, in reading order, with how many active skills each has")
    public List<CategoryView> list() {
        return em.createQuery("select new dev.skillpath.skills.api.SkillViews$CategoryView(c.id, c.slug, c.name,"
                + " c.description, (select count(s) from Skill s where s.category = c and s.retired = false))"
                + " from SkillCategory c order by c.position", CategoryView.class).getResultList();
    }
}
