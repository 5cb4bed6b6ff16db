package io.starloom.scheduler;

import static io.restassured.RestAssured.given;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.awaitility.Awaitility;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.starloom.contracts.Queues;
import io.starloom.contracts.Roles;
import io.starloom.devstack.DevStackTestResource;
import io.starloom.proto.v1.Film;
import io.starloom.mesh.v1.FilmAssembled;
import io.starloom.proto.v1.Language;
import io.starloom.proto.v1.Shot;
import io.starloom.mesh.v1.ShotGenerated;
import io.starloom.mesh.v1.StoryEnriched;
import io.starloom.mesh.v1.StoryEvent;
import io.starloom.proto.v1.Storyboard;
import io.starloom.mesh.v1.TextModerated;
import io.starloom.proto.v1.Verdict;

/** What the scheduler tests do over and over: mint tokens, submit and read stories, play a stage's part. */
final class Stories {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Base64.Encoder B64URL = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder B64URL_DECODER = Base64.getUrlDecoder();

    private Stories() {
    }

    static String token(String tenant, String... roles) {
        return DevStackTestResource.stack().mintToken("tester", tenant, Set.of(roles));
    }

    /**
     * A token the identity provider signed properly but that names no tenant: minted as usual, the
     * {@code tenant} claim removed, signed again with the devstack issuer's key.
     */
    static String tokenWithoutTenant(String... roles) throws Exception {
        return resigned(token("dropped", roles), claims -> claims.remove(Roles.TENANT_CLAIM));
    }

    /** {@code token} with its claims changed by {@code change}, signed again properly with the devstack issuer's key. */
    static String resigned(String token, java.util.function.Consumer<ObjectNode> change) throws Exception {
        String[] parts = token.split("\\.");
        ObjectNode claims = (ObjectNode) JSON.readTree(B64URL_DECODER.decode(parts[1]));
        change.accept(claims);
        String signingInput = parts[0] + "." + B64URL.encodeToString(JSON.writeValueAsBytes(claims));
        String pem = Files.readString(Path.of(DevStackTestResource.stack().env().get("STARLOOM_OIDC_SIGNING_KEY")));
        byte[] der = Base64.getMimeDecoder().decode(pem.replaceAll("-----[A-Z ]+-----", ""));
        Signature rs256 = Signature.getInstance("SHA256withRSA");
        rs256.initSign(KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(der)));
        rs256.update(signingInput.getBytes(StandardCharsets.US_ASCII));
        return signingInput + "." + B64URL.encodeToString(rs256.sign());
    }

    /** Submits {@code text} over REST and returns the new story's id. */
    static String submit(String token, String text) {
        return given().auth().oauth2(token).contentType(ContentType.JSON).body(Map.of("text", text))
                .when().post("/v1/stories").then().statusCode(202).extract().path("id");
    }

    static JsonPath get(String token, String id) {
        return given().auth().oauth2(token).when().get("/v1/stories/" + id).then().statusCode(200).extract().jsonPath();
    }

    /** Polls the story until it is in {@code state} and returns what was read last. */
    static JsonPath awaitState(String token, String id, String state) {
        JsonPath[] last = new JsonPath[1];
        Awaitility.await(id + " to reach " + state).atMost(Duration.ofSeconds(30)).until(() -> {
            last[0] = get(token, id);
            return last[0].getString("state").equals(state);
        });
        return last[0];
    }

    /**
     * Waits until the story is QUEUED and every shot is out to a worker: shots wait in the database first, and a
     * worker can only report an attempt that was dispatched.
     */
    static JsonPath awaitDispatched(String token, String id) {
        awaitState(token, id, "QUEUED");
        JsonPath[] last = new JsonPath[1];
        Awaitility.await(id + " to have its shots dispatched").atMost(Duration.ofSeconds(30)).until(() -> {
            last[0] = get(token, id);
            return last[0].getList("shots.state", String.class).stream().noneMatch("QUEUED"::equals);
        });
        return last[0];
    }

    /** Reports an event about a story the way a stage does: on the scheduler's queue, over the real broker. */
    static void send(String storyId, StoryEvent.Builder event) {
        DevStackTestResource.stack().meshSend(Queues.SCHEDULER_EVENTS, storyId, event.setStoryId(storyId).build());
    }

    /** Plays enrichment, moderation, one shot and postprocess for a fresh story until it is COMPLETED with {@code film}. */
    static void complete(String token, String id, Film film) {
        send(id, StoryEvent.newBuilder().setStoryEnriched(StoryEnriched.newBuilder().setStoryboard(storyboard(1))));
        awaitState(token, id, "SCREENING");
        send(id, StoryEvent.newBuilder().setTextModerated(TextModerated.newBuilder().setVerdict(Verdict.VERDICT_ALLOW)));
        awaitDispatched(token, id);
        send(id, StoryEvent.newBuilder().setShotGenerated(ShotGenerated.newBuilder().setShotIndex(0).setAttempt(1).setClipUri("file:///m/0.mp4")));
        awaitState(token, id, "ASSEMBLING");
        send(id, StoryEvent.newBuilder().setFilmAssembled(FilmAssembled.newBuilder().setFilm(film)));
        awaitState(token, id, "COMPLETED");
    }

    /** A storyboard with {@code shots} five-second shots, as enrichment would plan it. */
    static Storyboard storyboard(int shots) {
        Storyboard.Builder storyboard = Storyboard.newBuilder().setTitle("Orion").setLanguage(Language.LANGUAGE_EN).setNegativePrompt("blurry");
        for (int i = 0; i < shots; i++) {
            storyboard.addShots(Shot.newBuilder().setIndex(i).setPrompt("prompt " + i).setNarration("line " + i).setSeed(i)
                    .setDuration(com.google.protobuf.Duration.newBuilder().setSeconds(5)).addAllConstellations(List.of("Ori")));
        }
        return storyboard.build();
    }
}
