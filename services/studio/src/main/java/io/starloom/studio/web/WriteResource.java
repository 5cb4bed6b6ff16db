package io.starloom.studio.web;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.RestQuery;

import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import io.starloom.studio.config.StudioConfig;
import io.starloom.studio.domain.StoryForm;
import io.starloom.studio.domain.StoryboardDraft;
import io.starloom.studio.scheduler.SchedulerApi;
import io.starloom.studio.scheduler.SchedulerProblem;

/** Write a story, shape its storyboard where the deployment offers the preview, submit it. */
@Path("/")
@Authenticated
@Produces(MediaType.TEXT_HTML)
public class WriteResource {
    private final SchedulerApi scheduler;
    private final StudioConfig config;
    private final Pages pages;
    private final Template write;
    private final Template storyboard;

    WriteResource(@RestClient SchedulerApi scheduler, StudioConfig config, Pages pages, @Location("write.html") Template write,
            @Location("storyboard.html") Template storyboard) {
        this.scheduler = scheduler;
        this.config = config;
        this.pages = pages;
        this.write = write;
        this.storyboard = storyboard;
    }

    /** The write page; with {@code from}, prefilled with that story's settings ("copy its settings"). */
    @GET
    public Uni<Response> page(@RestQuery String from) {
        if (from == null || from.isBlank()) {
            return writePage(StoryForm.fresh(), null, false, 200);
        }
        return scheduler.story(from).chain(story -> writePage(StoryForm.copyOf(story), null, false, 200));
    }

    /** {@code action=submit} makes the film from the text; {@code action=preview} opens the storyboard editor. */
    @POST
    @Path("write")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Uni<Response> submit(@BeanParam StoryForm form, @RestForm String action) {
        if (!"preview".equals(action)) {
            return submit(form, form.body());
        }
        return scheduler.previewStoryboard(form.body())
                .chain(preview -> estimatedBoardPage(form, StoryboardDraft.fromPreview(preview)))
                .onFailure(SchedulerProblem::notOffered)
                .recoverWithUni(() -> writePage(form, null, true, 200))
                .onFailure(failure -> SchedulerProblem.of(failure).invalidInput())
                .recoverWithUni(failure -> writePage(form, SchedulerProblem.of(failure), false, SchedulerProblem.of(failure).status()));
    }

    /**
     * An editing action on the storyboard; {@code action=submit} makes the film from it, {@code action=submit-text}
     * from the text alone (offered where the scheduler does not take an edited storyboard yet).
     */
    @POST
    @Path("storyboard")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Uni<Response> edit(@BeanParam StoryForm form, @RestForm String action, @RestForm String boardStyle,
            @RestForm String boardLanguage, @RestForm String boardTitle, @RestForm String boardNegativePrompt,
            @RestForm List<String> prompt, @RestForm List<String> narration, @RestForm List<String> duration,
            @RestForm List<String> transition, @RestForm List<String> constellations, @RestForm List<String> beat,
            @RestForm List<String> seed) {
        StoryboardDraft draft = StoryboardDraft.fromForm(new StoryboardDraft.Board(StoryForm.text(boardStyle), StoryForm.text(boardLanguage),
                StoryForm.text(boardTitle), StoryForm.text(boardNegativePrompt)), prompt, narration, duration, transition, constellations, beat, seed);
        if ("submit-text".equals(action)) {
            return submit(form.body(), problem -> boardPage(form, draft, problem, problem.status()));
        }
        if (!"submit".equals(action)) {
            draft.apply(action);
            return estimatedBoardPage(form, draft);
        }
        Map<String, Object> body = new LinkedHashMap<>(form.body());
        body.put("storyboard", draft.body());
        // An unknown `storyboard` is no mistake in the board: this scheduler makes films from the text only, so say that and offer it.
        return submit(body, problem -> problem.unknownField("storyboard") ? boardPage(form, draft, null, 200, true)
                : boardPage(form, draft, problem, problem.status()));
    }

    private Uni<Response> submit(StoryForm form, Map<String, Object> body) {
        return submitOr(body, problem -> writePage(form, problem, false, problem.status()));
    }

    private Uni<Response> submit(Map<String, Object> body, Function<SchedulerProblem, Response> refused) {
        return submitOr(body, problem -> Uni.createFrom().item(refused.apply(problem)));
    }

    /** Submits; on to the story's page, or the page {@code refused} renders for a refusal the user can act on. */
    private Uni<Response> submitOr(Map<String, Object> body, Function<SchedulerProblem, Uni<Response>> refused) {
        return scheduler.submit(body)
                .map(story -> Response.seeOther(URI.create("/stories/" + story.get("id"))).build())
                .onFailure(failure -> SchedulerProblem.of(failure).invalidInput())
                .recoverWithUni(failure -> refused.apply(SchedulerProblem.of(failure)));
    }

    /** The write page with the choices the deployment offers now; the studio's configured ones when the scheduler cannot say. */
    private Uni<Response> writePage(StoryForm form, SchedulerProblem problem, boolean noPreview, int status) {
        return scheduler.submissionOptions().map(offer -> WriteOptions.of(offer, config))
                .onFailure().recoverWithItem(() -> WriteOptions.of(config))
                .map(options -> Response.status(status).type(MediaType.TEXT_HTML_TYPE)
                        .entity(pages.of(write).data("form", form).data("options", options).data("problem", problem)
                                .data("noPreview", noPreview))
                        .build());
    }

    private Response boardPage(StoryForm form, StoryboardDraft draft, SchedulerProblem problem, int status) {
        return boardPage(form, draft, problem, status, false);
    }

    /**
     * The board with the estimate the scheduler makes of it as it stands (shots × the profile's figures). The estimate
     * is a help, not a step: where the scheduler has none to give (an older one, a board it would refuse), the board is
     * shown without it and the refusal comes with "Make the film".
     */
    private Uni<Response> estimatedBoardPage(StoryForm form, StoryboardDraft draft) {
        Map<String, Object> body = new LinkedHashMap<>(form.body());
        body.put("storyboard", draft.body());
        return scheduler.estimate(body).onFailure().recoverWithNull()
                .map(estimate -> boardPage(form, draft, null, 200, false, estimate));
    }

    private Response boardPage(StoryForm form, StoryboardDraft draft, SchedulerProblem problem, int status, boolean textOnly) {
        return boardPage(form, draft, problem, status, textOnly, null);
    }

    private Response boardPage(StoryForm form, StoryboardDraft draft, SchedulerProblem problem, int status, boolean textOnly,
            Map<String, Object> estimate) {
        return Response.status(status).type(MediaType.TEXT_HTML_TYPE)
                .entity(pages.of(storyboard).data("form", form).data("draft", draft).data("problem", problem)
                        .data("transitions", StoryboardDraft.TRANSITIONS).data("textOnly", textOnly).data("estimate", estimate))
                .build();
    }
}
