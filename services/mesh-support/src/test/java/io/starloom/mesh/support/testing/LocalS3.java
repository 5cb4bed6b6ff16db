package io.starloom.mesh.support.testing;

import java.net.URI;

import org.eclipse.jetty.util.component.AbstractLifeCycle;
import org.gaul.s3proxy.AuthenticationType;
import org.gaul.s3proxy.S3Proxy;
import org.jclouds.ContextBuilder;
import org.jclouds.blobstore.BlobStore;
import org.jclouds.blobstore.BlobStoreContext;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * A real S3 server in the test's JVM on 127.0.0.1: S3Proxy over an in-memory blob store, checking AWS V2/V4
 * signatures made with the given keys. Shared by every module whose tests need S3 (the consumer declares
 * {@code org.gaul:s3proxy} in test scope).
 */
public final class LocalS3 implements AutoCloseable {
    private final BlobStoreContext blobs;
    private final S3Proxy proxy;
    private final String accessKey;
    private final String secretKey;

    private LocalS3(BlobStoreContext blobs, S3Proxy proxy, String accessKey, String secretKey) {
        this.blobs = blobs;
        this.proxy = proxy;
        this.accessKey = accessKey;
        this.secretKey = secretKey;
    }

    /** Started and answering. */
    public static LocalS3 start(String accessKey, String secretKey) throws Exception {
        BlobStoreContext blobs = ContextBuilder.newBuilder("transient").credentials("identity", "credential").build(BlobStoreContext.class);
        S3Proxy proxy = S3Proxy.builder().blobStore(blobs.getBlobStore()).endpoint(URI.create("http://127.0.0.1:0"))
                .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, accessKey, secretKey).build();
        proxy.start();
        while (!AbstractLifeCycle.STARTED.equals(proxy.getState())) {
            Thread.sleep(10);
        }
        return new LocalS3(blobs, proxy, accessKey, secretKey);
    }

    /** e.g. {@code http://127.0.0.1:41234}. */
    public String endpoint() {
        return "http://127.0.0.1:" + proxy.getPort();
    }

    /** What the server stores, to look at objects without going through S3. */
    public BlobStore blobStore() {
        return blobs.getBlobStore();
    }

    /** A client as the media store's is configured against such a server (path style, checksums only where required); the caller closes it. */
    public S3Client client() {
        return S3Client.builder().httpClientBuilder(UrlConnectionHttpClient.builder()).region(Region.US_EAST_1).forcePathStyle(true)
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
                .endpointOverride(URI.create(endpoint()))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKey, secretKey))).build();
    }

    @Override
    public void close() throws Exception {
        proxy.stop();
        blobs.close();
    }
}
