package dev.skillpath.platform.api;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import java.util.List;

import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.media.Schema.SchemaType;
import org.eclipse.microprofile.openapi.models.parameters.Parameter;
import org.junit.jupiter.api.Test;

class PagingParametersTest {

    static Parameter query(String name) {
        return OASFactory.createParameter().name(name).in(Parameter.In.QUERY)
                .schema(OASFactory.createSchema().addType(SchemaType.STRING));
    }

    @Test
    void pageAndSizeAreWholeNumbersInThePageRequestsRange() {
        Parameter page = query("page");
        Parameter size = query("size").description("how many");
        Parameter skill = query("skill");
        Parameter pathPage = OASFactory.createParameter().name("page").in(Parameter.In.PATH)
                .schema(OASFactory.createSchema().addType(SchemaType.STRING));
        OpenAPI openAPI = OASFactory.createOpenAPI().paths(OASFactory.createPaths().addPathItem("/api/v1/things",
                OASFactory.createPathItem().GET(OASFactory.createOperation().parameters(List.of(page, size, skill)))
                        .POST(OASFactory.createOperation().parameters(List.of(pathPage)))));

        PagingParameters.describe(openAPI);

        Schema p = page.getSchema();
        assertEquals(List.of(SchemaType.INTEGER), p.getType());
        assertEquals(BigDecimal.ZERO, p.getMinimum());
        assertEquals(BigDecimal.valueOf(PageRequest.MAX_PAGE), p.getMaximum());
        assertEquals(0, p.getDefaultValue());
        assertEquals("The page, from 0", page.getDescription());
        Schema s = size.getSchema();
        assertEquals(List.of(SchemaType.INTEGER), s.getType());
        assertEquals(BigDecimal.ONE, s.getMinimum());
        assertEquals(BigDecimal.valueOf(PageRequest.MAX_SIZE), s.getMaximum());
        assertEquals(PageRequest.DEFAULT_SIZE, s.getDefaultValue());
        assertEquals("how many", size.getDescription(), "a description of its own is kept");
        assertEquals(List.of(SchemaType.STRING), skill.getSchema().getType(), "other parameters are left alone");
        assertEquals(List.of(SchemaType.STRING), pathPage.getSchema().getType(), "only query parameters are paging");
    }
}
