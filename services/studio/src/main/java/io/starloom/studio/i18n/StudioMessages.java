package io.starloom.studio.i18n;

import io.quarkus.qute.i18n.Message;
import io.quarkus.qute.i18n.MessageBundle;

/** The studio's English texts; Chinese in messages/msg_zh.properties. Templates use them as {msg:key}. */
@MessageBundle("msg")
public interface StudioMessages {
    @Message("Starloom studio")
    String app();

    @Message("Skip to content")
    String skip();

    @Message("Write")
    String nav_write();

    @Message("My stories")
    String nav_stories();

    @Message("Reviews")
    String nav_reviews();

    @Message("Sign out")
    String sign_out();

    @Message("Language")
    String language_switch();

    @Message("Signed in as {user}, tenant {tenant}")
    String signed_in(String user, String tenant);

    @Message("Write a star myth")
    String write_title();

    @Message("Your story (Chinese or English)")
    String write_text();

    @Message("characters")
    String write_count();

    @Message("Language")
    String write_language();

    @Message("Detect from the text")
    String write_language_auto();

    @Message("Chinese")
    String lang_zh();

    @Message("English")
    String lang_en();

    @Message("Style")
    String write_style();

    @Message("Model profile")
    String write_profile();

    @Message("Default for the resolution")
    String write_default();

    @Message("The language's default")
    String write_default_voice();

    @Message("Resolution")
    String write_resolution();

    @Message("Narration voice")
    String write_voice();

    @Message("Aspect ratio")
    String write_aspect();

    @Message("Subtitles")
    String write_subtitles();

    @Message("In the story's language")
    String write_subtitles_story_only();

    @Message("The story's language, plus Chinese")
    String write_subtitles_plus_zh();

    @Message("The story's language, plus English")
    String write_subtitles_plus_en();

    @Message("Burn the subtitles into the picture")
    String write_burn_in();

    @Message("Hold the film for a reviewer before publishing")
    String write_review();

    @Message("Make the film")
    String write_submit();

    @Message("Shape the storyboard first")
    String write_preview();

    @Message("Storyboard editing is not offered by this deployment yet: submit the text directly.")
    String write_no_preview();

    @Message("The story was not accepted:")
    String errors_title();

    @Message("Storyboard")
    String board_title();

    @Message("Shot {n}")
    String board_shot(int n);

    @Message("Prompt")
    String board_prompt();

    @Message("Narration")
    String board_narration();

    @Message("Duration (seconds)")
    String board_duration();

    @Message("Transition to the next shot")
    String board_transition();

    @Message("Constellations in view (IAU, e.g. Ori, CMa)")
    String board_constellations();

    @Message("Move up")
    String board_up();

    @Message("Move down")
    String board_down();

    @Message("Delete")
    String board_delete();

    @Message("Add a shot")
    String board_add();

    @Message("Make the film from this storyboard")
    String board_submit();

    @Message("{#when state}{#is 'ENRICHING'}Planning the shots{#is 'SCREENING'}Screening{#is 'QUEUED'}Queued{#is 'GENERATING'}Generating"
            + "{#is 'ASSEMBLING'}Assembling{#is 'IN_REVIEW'}Waiting for review{#is 'COMPLETED'}Completed{#is 'FAILED'}Failed"
            + "{#is 'REJECTED'}Rejected{#is 'CANCELED'}Canceled{#is 'PENDING'}Pending{#is 'RUNNING'}Running{#is 'SUCCEEDED'}Done{#is 'DISPATCHED'}Sent to a worker{#is 'GENERATED'}Generated{#is 'SCREENED'}Screened"
            + "{#is 'APPROVED'}Approved{#is 'CLOSED'}Closed{#else}{state}{/when}")
    String state(String state);

    @Message("{#when reason}{#is 'MODERATION_BLOCKED'}The story was blocked by content moderation."
            + "{#is 'REVIEW_REJECTED'}A reviewer rejected the film.{#is 'SHOT_FAILED'}A shot could not be generated."
            + "{#is 'SHOT_CONTENT_REFUSED'}The video model's provider refused a shot's content."
            + "{#is 'FRAMES_FLAGGED'}Frames of the film were flagged by moderation."
            + "{#is 'COST_CAP_EXCEEDED'}The film would cost more than this deployment allows."
            + "{#is 'DEAD_LETTERED'}A stage could not process the story.{#is 'CANCELED'}The story was canceled."
            + "{#is 'ENRICHMENT_EMPTY'}Nothing in the text could be filmed.{#is 'TTS_REJECTED'}The narration voice is not known."
            + "{#else}The story failed ({reason}).{/when}")
    String failure(String reason);

    @Message("{#when name}{#is 'crossfade'}Crossfade{#is 'cut'}Cut{#is 'fade-black'}Fade through black{#is 'dip-white'}Flash through white"
            + "{#is 'slide'}Slide in{#else}{name}{/when}")
    String transition(String name);

    @Message("This deployment does not take an edited storyboard yet. Make the film from the text as it will be planned, "
            + "or keep editing until it does.")
    String board_not_accepted();

    @Message("Make the film from the text instead")
    String board_submit_text();

    @Message("Priority")
    String write_priority();

    @Message("Standard (the default)")
    String write_default_priority();

    @Message("{#when priority}{#is 'interactive'}Interactive (first in line){#is 'standard'}Standard{#is 'batch'}Batch (when the GPUs are free)"
            + "{#else}{priority}{/when}")
    String priority(String priority);

    @Message("Your tenant may not use this priority. Choose a lower one, or ask your administrator for it.")
    String write_priority_denied();

    @Message("This deployment does not offer priority classes yet: leave the priority at its default.")
    String write_priority_unknown();

    @Message("{#when priority}{#is 'interactive'}Interactive priority{#is 'standard'}Standard priority{#is 'batch'}Batch priority"
            + "{#else}Priority {priority}{/when}")
    String story_priority(String priority);

    @Message("Generation expected to finish around {time}")
    String story_generation_eta(String time);

    @Message("Progress")
    String story_progress();

    @Message("{position} shots of other stories ahead in the queue")
    String story_queue(String position);

    @Message("Estimate: {shots} shots, {video} of film, about {render} of rendering")
    String story_estimate(Object shots, Object video, Object render);

    @Message("Shots")
    String story_shots();

    @Message("This deployment would refuse the film as it stands: {reason}")
    String board_over_cap(String reason);

    @Message("The shot as generated")
    String story_shot_thumbnail();

    @Message("attempt")
    String story_attempt();

    @Message("Cancel the story")
    String story_cancel();

    @Message("Retry with its narration and settings")
    String story_retry();

    @Message("Copy its settings")
    String story_copy();

    @Message("Downloads")
    String story_downloads();

    @Message("Film (MP4)")
    String story_film();

    @Message("Subtitles (WebVTT)")
    String story_vtt();

    @Message("Subtitles (SRT)")
    String story_srt();

    @Message("Manifest (JSON)")
    String story_manifest();

    @Message("Subtitles")
    String story_subtitles();

    @Message("Chapters")
    String story_chapters();

    @Message("Details from the service:")
    String story_detail();

    @Message("Not found")
    String not_found_title();

    @Message("There is no such story or review for your tenant.")
    String not_found();

    @Message("Something went wrong")
    String error_title();

    @Message("The studio could not reach the Starloom service. Try again in a moment.")
    String error_text();

    @Message("You may not do this with your roles.")
    String forbidden();

    @Message("Filter by state")
    String list_filter();

    @Message("All")
    String list_all();

    @Message("Show")
    String list_show();

    @Message("Title")
    String list_title();

    @Message("State")
    String list_state();

    @Message("Created")
    String list_created();

    @Message("Next page")
    String list_next();

    @Message("No stories yet.")
    String list_empty();

    @Message("Review queue")
    String reviews_title();

    @Message("Nothing to review.")
    String reviews_empty();

    @Message("Cause")
    String review_cause();

    @Message("Stage")
    String review_stage();

    @Message("Evidence")
    String review_evidence();

    @Message("Text span")
    String review_span();

    @Message("Flagged frame: shot {shot} at {offset} s, score {score}")
    String review_frame(Object shot, Object offset, Object score);

    @Message("Reason for the decision")
    String review_reason();

    @Message("Approve")
    String review_approve();

    @Message("Reject")
    String review_reject();

    @Message("Decided by {reviewer}: {reason}")
    String review_decided(Object reviewer, Object reason);

    @Message("Open the story")
    String review_story();

    @Message("You are signed out.")
    String signed_out();

    @Message("Sign in again")
    String sign_in();

    @Message("Untitled story")
    String untitled();
}
