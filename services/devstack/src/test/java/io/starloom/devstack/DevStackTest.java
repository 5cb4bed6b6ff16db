package io.starloom.devstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.math.BigInteger;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyFactory;
import java.security.Signature;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.RSAPublicKeySpec;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.activemq.artemis.api.core.client.ClientConsumer;
import org.apache.activemq.artemis.api.core.client.ClientMessage;
import org.apache.activemq.artemis.api.core.client.ClientSession;
import org.apache.activemq.artemis.api.core.client.ClientSessionFactory;
import org.apache.activemq.artemis.api.core.client.ServerLocator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.starloom.contracts.Queues;
import io.vertx.amqp.AmqpClient;
import io.vertx.amqp.AmqpClientOptions;
import io.vertx.amqp.AmqpConnection;
import io.vertx.amqp.AmqpMessage;
import io.vertx.amqp.AmqpReceiverOptions;
import io.vertx.core.Vertx;

class DevStackTest {
    @TempDir
    static Path state;
    static DevStack stack;

    @BeforeAll
    static void start() {
        stack = DevStack.start(DevStackOptions.builder().stateDir(state).build());
    }

    @AfterAll
    static void stop() {
        stack.close();
    }

    @Test
    void databaseAnswersOnTheAdvertisedUrl() throws Exception {
        Map<String, String> env = stack.env();
        try (Connection connection = connect(stack); ResultSet rs = connection.createStatement().executeQuery("SELECT current_database(), 1")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).isEqualTo("starloom");
            assertThat(rs.getInt(2)).isEqualTo(1);
        }
        assertThat(stack.quarkusConfig()).containsEntry("quarkus.datasource.reactive.url", env.get("STARLOOM_DB_REACTIVE_URL"));
    }

    @Test
    void mintedTokenVerifiesAgainstTheServedJwks() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        String issuer = stack.env().get("STARLOOM_OIDC_URL");
        String discovery = get(http, issuer + "/.well-known/openid-configuration");
        assertThat(field(discovery, "issuer")).isEqualTo(issuer);
        String jwks = get(http, field(discovery, "jwks_uri"));

        String token = stack.mintToken("ada", "museum", Set.of("story-writer"));
        String[] parts = token.split("\\.");
        String header = decode(parts[0]);
        String claims = decode(parts[1]);
        assertThat(field(header, "kid")).isEqualTo(field(jwks, "kid"));
        assertThat(claims).contains("\"tenant\":\"museum\"").contains("\"groups\":[\"story-writer\"]").contains("\"aud\":\"starloom\"");

        RSAPublicKey key = (RSAPublicKey) KeyFactory.getInstance("RSA").generatePublic(new RSAPublicKeySpec(
                new BigInteger(1, Base64.getUrlDecoder().decode(field(jwks, "n"))),
                new BigInteger(1, Base64.getUrlDecoder().decode(field(jwks, "e")))));
        Signature rs256 = Signature.getInstance("SHA256withRSA");
        rs256.initVerify(key);
        rs256.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
        assertThat(rs256.verify(Base64.getUrlDecoder().decode(parts[2]))).isTrue();

        rs256.initVerify(key);
        rs256.update((parts[0] + "." + parts[1] + "x").getBytes(StandardCharsets.US_ASCII));
        assertThat(rs256.verify(Base64.getUrlDecoder().decode(parts[2]))).as("a changed token fails").isFalse();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(Path.of(stack.env().get("STARLOOM_OIDC_SIGNING_KEY")))))
                .isEqualTo("rw-------");
    }

    @Test
    void durableMessagesSurviveABrokerRestart() {
        long before = stack.brokerQueueCount(Queues.EXPIRY);
        stack.brokerSend(Queues.EXPIRY, "hello".getBytes(StandardCharsets.UTF_8), Map.of("cloudEvents:subject", "story-1"));
        assertThat(stack.brokerQueueCount(Queues.EXPIRY)).isEqualTo(before + 1);
        stack.restartBroker();
        assertThat(stack.brokerQueueCount(Queues.EXPIRY)).isEqualTo(before + 1);
        for (String queue : Queues.WORK_QUEUES) {
            assertThat(stack.brokerQueueCount(queue)).as(queue + " is declared and empty").isZero();
        }
    }

    @Test
    void rawMessagesReachAnAmqpConsumerAsBinaryBodyWithApplicationProperties() throws Exception {
        String queue = "starloom.devstack-test.raw";
        Map<String, String> env = stack.env();
        Vertx vertx = Vertx.vertx();
        try {
            CompletableFuture<AmqpMessage> received = new CompletableFuture<>();
            AmqpConnection connection = AmqpClient.create(vertx, new AmqpClientOptions()
                    .setHost(env.get("AMQP_HOST")).setPort(Integer.parseInt(env.get("AMQP_PORT")))
                    .setUsername(env.get("AMQP_USERNAME")).setPassword(env.get("AMQP_PASSWORD")))
                    .connect().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
            // The receiver auto-creates the anycast queue; a raw send to an address without a queue would be dropped.
            connection.createReceiver(queue, new AmqpReceiverOptions().addCapability("queue").setDurable(true))
                    .onSuccess(receiver -> receiver.handler(received::complete))
                    .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);

            stack.brokerSend(queue, new byte[] { 0, 1, (byte) 0xFF }, Map.of("cloudEvents:subject", "story-7"));

            AmqpMessage message = received.get(10, TimeUnit.SECONDS);
            assertThat(message.bodyAsBinary().getBytes()).containsExactly(0, 1, 0xFF);
            assertThat(message.applicationProperties().getString("cloudEvents:subject")).isEqualTo("story-7");
            connection.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        } finally {
            vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void thirdFailedDeliveryMovesTheMessageToTheDeadLetterQueue() throws Exception {
        long deadBefore = stack.brokerQueueCount(Queues.DEAD_LETTER);
        stack.brokerSend(Queues.GENERATION_REQUESTS, new byte[] { 42 }, Map.of());
        Map<String, String> env = stack.env();
        try (ServerLocator locator = stack.broker().inVmLocator();
                ClientSessionFactory factory = locator.createSessionFactory();
                ClientSession session = factory.createSession(env.get("AMQP_USERNAME"), env.get("AMQP_PASSWORD"), false, true, false, false, 1);
                ClientConsumer consumer = session.createConsumer(Queues.GENERATION_REQUESTS)) {
            session.start();
            for (int attempt = 1; attempt <= Queues.MAX_DELIVERY_ATTEMPTS; attempt++) {
                ClientMessage message = consumer.receive(10_000);
                assertThat(message).as("delivery " + attempt).isNotNull();
                assertThat(message.getDeliveryCount()).isEqualTo(attempt);
                message.acknowledge();
                session.rollback();
            }
            assertThat(consumer.receive(1_000)).as("no fourth delivery").isNull();
        }
        assertThat(stack.brokerQueueCount(Queues.GENERATION_REQUESTS)).isZero();
        assertThat(stack.brokerQueueCount(Queues.DEAD_LETTER)).isEqualTo(deadBefore + 1);
    }

    @Test
    void databaseAndSigningKeyOutliveARestartOfTheStack(@TempDir Path otherState) throws Exception {
        DevStackOptions options = DevStackOptions.builder().stateDir(otherState).broker(false).build();
        String kid;
        try (DevStack first = DevStack.start(options); Connection connection = connect(first)) {
            connection.createStatement().execute("CREATE TABLE survivor (name text); INSERT INTO survivor VALUES ('andromeda')");
            kid = field(decode(first.mintToken("ada", "museum", Set.of()).split("\\.")[0]), "kid");
        }
        try (DevStack second = DevStack.start(options); Connection connection = connect(second);
                ResultSet rs = connection.createStatement().executeQuery("SELECT name FROM survivor")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).isEqualTo("andromeda");
            assertThat(field(decode(second.mintToken("ada", "museum", Set.of()).split("\\.")[0]), "kid")).isEqualTo(kid);
        }
    }

    @Test
    void testResourceSharesOneStackAndRefusesAMismatchedDatabaseWish() {
        DevStackTestResource withoutDatabase = new DevStackTestResource();
        withoutDatabase.init(Map.of("postgres", "false"));
        Map<String, String> config = withoutDatabase.start();
        assertThat(config).containsKeys("amqp-host", "amqp-port", "amqp-username", "amqp-password", "quarkus.oidc.auth-server-url");
        assertThat(config.keySet()).noneMatch(key -> key.startsWith("quarkus.datasource."));
        assertThat(DevStackTestResource.stack().quarkusConfig()).isEqualTo(config);

        DevStackTestResource again = new DevStackTestResource();
        again.init(Map.of("postgres", "false"));
        assertThat(again.start()).isEqualTo(config);

        DevStackTestResource withDatabase = new DevStackTestResource();
        withDatabase.init(Map.of());
        assertThatThrownBy(withDatabase::start).isInstanceOf(IllegalStateException.class).hasMessageContaining("postgres=false");
    }

    @Test
    void everyListenerIsBoundToLoopbackOnly() throws Exception {
        try (Connection connection = connect(stack); ResultSet rs = connection.createStatement().executeQuery("SHOW listen_addresses")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).isEqualTo(DevStackOptions.LOOPBACK);
        }
        Map<String, Integer> ports = Listeners.ports(stack);
        assertThat(ports).containsOnlyKeys("postgres", "amqp", "oidc");
        ports.forEach((part, port) -> {
            List<InetAddress> bound = Listeners.boundAddresses(port);
            assertThat(bound).as(part + " listens on port " + port).isNotEmpty();
            assertThat(bound).as(part + " binds to loopback only").allMatch(InetAddress::isLoopbackAddress);
        });
    }

    @Test
    void noListenerAnswersOnANonLoopbackAddressOfThisMachine() throws Exception {
        Optional<InetAddress> external = Listeners.nonLoopbackAddress();
        assumeTrue(external.isPresent(), "this machine has no non-loopback IPv4 address to try the listeners on");
        try (ServerSocket everywhere = new ServerSocket(0)) {
            assertThat(Listeners.answers(external.get(), everywhere.getLocalPort()))
                    .as("a socket on every interface answers on " + external.get() + ": the probe itself works").isTrue();
        }
        Listeners.ports(stack).forEach((part, port) -> assertThat(Listeners.answers(external.get(), port))
                .as(part + " (port " + port + ") answers on " + external.get()).isFalse());
    }

    private static Connection connect(DevStack devStack) throws Exception {
        Map<String, String> env = devStack.env();
        return DriverManager.getConnection(env.get("STARLOOM_DB_JDBC_URL"), env.get("STARLOOM_DB_USERNAME"), env.get("STARLOOM_DB_PASSWORD"));
    }

    private static String get(HttpClient http, String url) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        return response.body();
    }

    private static String decode(String part) {
        return new String(Base64.getUrlDecoder().decode(part), StandardCharsets.UTF_8);
    }

    private static String field(String json, String name) {
        Matcher m = Pattern.compile("\"" + name + "\":\"([^\"]*)\"").matcher(json);
        assertThat(m.find()).as(name + " in " + json).isTrue();
        return m.group(1);
    }
}
