package io.starloom.systemtests;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;

import io.restassured.path.json.JsonPath;

/** A story's Server-Sent Events ({@code GET /v1/stories/{id}/events}) as a client reads them from one replica. */
final class StoryEvents implements AutoCloseable {
    private final List<JsonPath> events = new CopyOnWriteArrayList<>();
    private final CompletableFuture<HttpResponse<Stream<String>>> response;

    StoryEvents(String baseUrl, String token, String storyId) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + "/v1/stories/" + storyId + "/events"))
                .header("Authorization", "Bearer " + token).header("Accept", "text/event-stream").build();
        response = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build()
                .sendAsync(request, HttpResponse.BodyHandlers.ofLines());
        response.thenAccept(answer -> answer.body().filter(line -> line.startsWith("data:"))
                .forEach(line -> events.add(new JsonPath(line.substring("data:".length()).trim()))));
    }

    /** The states the events carried, in order, repeats included. */
    List<String> states() {
        return events.stream().map(event -> event.getString("state")).toList();
    }

    int status() {
        return response.join().statusCode();
    }

    @Override
    public void close() {
        response.thenAccept(answer -> answer.body().close());
    }
}
