package dev.skillpath.platform.events;

import java.util.ArrayList;
import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import dev.skillpath.events.consumer.DeadLetters;
import dev.skillpath.platform.api.ProblemException;
import dev.skillpath.platform.security.Roles;

/**
 * The dead letters of this service's consumer groups, and their replay (docs/events.md, "Replaying dead letters").
 * Every service has it under its own name, which is how the gateway routes it; admins only.
 */
@Path("/api/v1/admin/dead-letters/{service}")
@Produces(MediaType.APPLICATION_JSON)
@SecurityRequirement(name = "bearer")
@RolesAllowed(Roles.ADMIN)
@Tag(name = "Dead letters", description = "Events a consumer could not apply, and their replay (admins)")
public class DeadLetterResource {

    @Inject
    DeadLetters deadLetters;

    @ConfigProperty(name = "quarkus.application.name")
    String application;

    /** A consumer group's dead letters. */
    public record GroupDeadLetters(String group, List<DeadLetters.Entry> deadLetters) {
    }

    /** Every consumer group of the service with its dead letters. */
    public record ServiceDeadLetters(String service, List<GroupDeadLetters> groups) {
    }

    /** What a replay did: how many dead letters ended in each status, and each of them. */
    public record ReplayReport(String service, String group, int applied, int alreadyApplied, int failed,
            int behindFailed, int unparseable, List<DeadLetters.Entry> deadLetters) {
    }

    @GET
    @Operation(operationId = "listDeadLetters", summary = "This service's dead letters, by consumer group",
            description = "Read from the dead-letter topics, oldest first per partition. WAITING: a replay would apply "
                    + "it; ALREADY_APPLIED: applied since; UNPARSEABLE: not a CloudEvent, nothing can apply it.")
    @APIResponse(responseCode = "200", description = "The dead letters")
    @APIResponse(responseCode = "404", description = "Not this service")
    @APIResponse(responseCode = "503", description = "The broker did not answer")
    public ServiceDeadLetters list(@PathParam("service") String service) {
        thisService(service);
        List<GroupDeadLetters> groups = new ArrayList<>();
        for (String group : deadLetters.groups()) {
            groups.add(new GroupDeadLetters(group, brokerCall(() -> deadLetters.list(group).orElseThrow())));
        }
        return new ServiceDeadLetters(application, groups);
    }

    @POST
    @Path("/{group}/replay")
    @Operation(operationId = "replayDeadLetters", summary = "Replay a consumer group's dead letters",
            description = "Applies every WAITING dead letter through the group's handler, in order per key, each once "
                    + "(idempotent: a second replay finds them ALREADY_APPLIED). One whose handler fails again stays "
                    + "(FAILED), and the later dead letters of its key wait behind it (BEHIND_FAILED).")
    @APIResponse(responseCode = "200", description = "What the replay did, dead letter by dead letter")
    @APIResponse(responseCode = "404", description = "Not this service, or no such consumer group here")
    @APIResponse(responseCode = "503", description = "The broker did not answer")
    public ReplayReport replay(@PathParam("service") String service, @PathParam("group") String group) {
        thisService(service);
        List<DeadLetters.Entry> entries = brokerCall(() -> deadLetters.replay(group)).orElseThrow(
                () -> ProblemException.notFound("Service " + application + " has no consumer group " + group
                        + "; its groups: " + String.join(", ", deadLetters.groups()) + "."));
        return new ReplayReport(application, group, count(entries, DeadLetters.Status.APPLIED),
                count(entries, DeadLetters.Status.ALREADY_APPLIED), count(entries, DeadLetters.Status.FAILED),
                count(entries, DeadLetters.Status.BEHIND_FAILED), count(entries, DeadLetters.Status.UNPARSEABLE),
                entries);
    }

    private void thisService(String service) {
        if (!application.equals(service)) {
            throw ProblemException.notFound("This is " + application + ", not " + service + ".");
        }
    }

    private static int count(List<DeadLetters.Entry> entries, DeadLetters.Status status) {
        return (int) entries.stream().filter(e -> e.status() == status).count();
    }

    private interface BrokerCall<T> {
        T call() throws Exception;
    }

    private static <T> T brokerCall(BrokerCall<T> call) {
        try {
            return call.call();
        } catch (ProblemException | java.util.NoSuchElementException e) {
            throw e;
        } catch (Exception e) {
            throw new ProblemException(dev.skillpath.problems.ProblemType.DEAD_LETTERS_UNAVAILABLE,
                    "The dead-letter topics or the database could not be read: " + e.getMessage());
        }
    }
}
