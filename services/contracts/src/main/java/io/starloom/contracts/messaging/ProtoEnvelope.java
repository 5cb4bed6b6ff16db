package io.starloom.contracts.messaging;

import java.net.URI;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Optional;
import java.util.UUID;

import org.eclipse.microprofile.reactive.messaging.Message;

import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.InvalidProtocolBufferException;

import io.smallrye.reactive.messaging.ce.IncomingCloudEventMetadata;
import io.smallrye.reactive.messaging.ce.OutgoingCloudEventMetadata;

/**
 * The one wire format of the mesh: a serialized protobuf message as the AMQP body, CloudEvents
 * attributes (binary mode) as application properties: type = the message's full protobuf name,
 * subject = the story id, source = the sending service. A received message is only ever read as the type
 * its header names, and only when the story it names in its body is the one in its subject.
 */
public final class ProtoEnvelope {
    /** Content type of every message body. */
    public static final String CONTENT_TYPE = "application/protobuf";
    /** The AMQP application properties that carry the CloudEvents attributes (binary mode, AMQP binding). */
    public static final String TYPE_PROPERTY = "cloudEvents:type";
    public static final String SUBJECT_PROPERTY = "cloudEvents:subject";
    /** The field every mesh command and event names its story with. */
    private static final String STORY_ID_FIELD = "story_id";

    private ProtoEnvelope() {
    }

    /**
     * Wraps {@code payload} for sending.
     *
     * @param eventId unique id of this message; a redelivery or a relay retry reuses it
     * @param source the sending service, e.g. {@code /starloom/scheduler}
     * @param storyId the story the message is about (CloudEvents subject)
     */
    public static Message<byte[]> wrap(String eventId, String source, String storyId, com.google.protobuf.Message payload) {
        return wrap(eventId, source, storyId, payload.getDescriptorForType().getFullName(), payload.toByteArray());
    }

    /**
     * Wraps an already serialized message, e.g. one kept in an outbox.
     *
     * @param type the fully qualified protobuf message name of {@code body}
     */
    public static Message<byte[]> wrap(String eventId, String source, String storyId, String type, byte[] body) {
        OutgoingCloudEventMetadata<byte[]> ce = OutgoingCloudEventMetadata.<byte[]>builder()
                .withId(eventId)
                .withSource(URI.create(source))
                .withType(type)
                .withSubject(storyId)
                .withDataContentType(CONTENT_TYPE)
                .withTimestamp(ZonedDateTime.now(ZoneOffset.UTC))
                .build();
        return Message.of(body).addMetadata(ce);
    }

    /** The story id (CloudEvents subject) of a received message, when the sender set one. */
    public static Optional<String> subjectOf(Message<?> message) {
        return message.getMetadata(IncomingCloudEventMetadata.class)
                .flatMap(ce -> Optional.ofNullable((String) ce.getSubject().orElse(null)));
    }

    /** The CloudEvents type of a received message, when the sender set one. */
    public static Optional<String> typeOf(Message<?> message) {
        return message.getMetadata(IncomingCloudEventMetadata.class).map(ce -> ce.getType());
    }

    /**
     * Reads a received message as a {@code prototype}'s type.
     *
     * @throws MalformedMessageException when the message is not that type, is unreadable, or names another story
     */
    public static <T extends com.google.protobuf.Message> T open(Message<?> message, T prototype) {
        Object body = message.getPayload();
        if (!(body instanceof byte[] bytes)) {
            throw new MalformedMessageException("body is " + (body == null ? "empty" : body.getClass().getSimpleName())
                    + ", expected " + CONTENT_TYPE);
        }
        return open(typeOf(message).orElse(null), subjectOf(message).orElse(null), bytes, prototype);
    }

    /**
     * Reads a message from its type and subject attributes and its body: for links that bypass Reactive Messaging.
     *
     * @throws MalformedMessageException when the message is not that type, is unreadable, or names another story
     */
    @SuppressWarnings("unchecked")
    public static <T extends com.google.protobuf.Message> T open(String type, String subject, byte[] body, T prototype) {
        String expected = prototype.getDescriptorForType().getFullName();
        if (type == null || type.isBlank()) {
            throw new MalformedMessageException("no message type (" + TYPE_PROPERTY + "), expected " + expected);
        }
        if (!type.equals(expected)) {
            throw new MalformedMessageException("a " + type + " is not a " + expected);
        }
        T payload;
        try {
            payload = (T) prototype.getParserForType().parseFrom(body);
        } catch (InvalidProtocolBufferException e) {
            throw new MalformedMessageException("body is not a valid " + expected + ": " + e.getMessage());
        }
        FieldDescriptor storyField = prototype.getDescriptorForType().findFieldByName(STORY_ID_FIELD);
        if (storyField != null) {
            checkStory(expected, (String) payload.getField(storyField), subject);
        }
        return payload;
    }

    /** Story ids are UUIDs in their canonical lower-case form. */
    public static boolean isStoryId(String value) {
        try {
            return UUID.fromString(value).toString().equals(value);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static void checkStory(String type, String storyId, String subject) {
        if (storyId.isBlank()) {
            throw new MalformedMessageException(type + " has no story_id");
        }
        if (!isStoryId(storyId)) {
            throw new MalformedMessageException(type + " names story '" + storyId + "', which is not a story id");
        }
        if (subject == null || !subject.equals(storyId)) {
            throw new MalformedMessageException(type + " is about story " + storyId + " but its subject ("
                    + SUBJECT_PROPERTY + ") is " + (subject == null ? "missing" : "'" + subject + "'"));
        }
    }
}
