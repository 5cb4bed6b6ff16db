package io.starloom.scheduler.webhooks.domain;

import java.net.InetAddress;
import java.net.URI;
import java.util.Optional;

/**
 * A webhook URL that passed the syntax checks of {@link TargetPolicy}.
 *
 * @param host the lower-case host name, or the address for an IP literal (without brackets)
 * @param literal the address when the URL names one, so nothing is resolved
 * @param requestUri path and query as sent in the request line
 */
public record WebhookTarget(URI uri, boolean https, String host, int port, String requestUri, Optional<InetAddress> literal) {
}
