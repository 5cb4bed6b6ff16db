package io.starloom.contracts.messaging;

import java.net.URI;
import java.time.ZonedDateTime;
import java.time.ZoneOffset;
import java.util.Optional;

import org.eclipse.microprofile.reactive.messaging.Message;

import com.google.protobuf.Message.Builder;

import io.smallrye.reactive.messaging.ce.IncomingCloudEventMetadata;
import io.smallrye.reactive.messaging.ce.OutgoingCloudEventMetadata;

/**
 * The one wire format of the mesh: a serialized protobuf message as the AMQP body, CloudEvents
 * attributes (binary mode) as application properties, the story id as the subject.
 */
public final class ProtoEnvelope {
    /** Content type of every message body. */
    public static final String CONTENT_TYPE = "application/protobuf";

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

    /**
     * Parses the body of a received message into a {@code builder}'s type.
     *
     * @throws MalformedMessageException when the body is not a message of that type
     */
    @SuppressWarnings("unchecked")
    public static <T extends com.google.protobuf.Message> T unwrap(Message<?> message, Builder builder) {
        Object body = message.getPayload();
        if (!(body instanceof byte[] bytes)) {
            throw new MalformedMessageException("body is " + (body == null ? "empty" : body.getClass().getSimpleName())
                    + ", expected " + CONTENT_TYPE);
        }
        try {
            return (T) builder.mergeFrom(bytes).build();
        } catch (com.google.protobuf.InvalidProtocolBufferException | com.google.protobuf.UninitializedMessageException e) {
            throw new MalformedMessageException("body is not a valid " + builder.getDescriptorForType().getFullName()
                    + ": " + e.getMessage());
        }
    }
}
