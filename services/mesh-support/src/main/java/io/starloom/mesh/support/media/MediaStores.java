package io.starloom.mesh.support.media;

import java.nio.file.Path;

import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;

/** Opens the media store the configuration names; each service's producer calls it with its own root. */
public final class MediaStores {
    private MediaStores() {
    }

    public static MediaStore open(MediaStoreConfig config, Path root) {
        return switch (config.store()) {
            case FILESYSTEM -> new FileSystemMediaStore(root);
            case S3 -> openS3(config.s3(), root);
        };
    }

    private static MediaStore openS3(MediaStoreConfig.S3 config, Path root) {
        String bucket = config.bucket().filter(b -> !b.isBlank())
                .orElseThrow(() -> new IllegalStateException("starloom.media.store=s3 needs starloom.media.s3.bucket (STARLOOM_MEDIA_S3_BUCKET)"));
        // Credentials from the SDK's default chain: AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY (a Secret in the
        // cluster), a web identity token, or the instance profile.
        S3ClientBuilder builder = S3Client.builder()
                .httpClientBuilder(UrlConnectionHttpClient.builder())
                .region(Region.of(config.region()))
                .forcePathStyle(config.pathStyle())
                // Checksums only where S3 requires them: the SDK's default trailing CRC checksums (2.30+) are refused
                // by many S3-compatible servers (MinIO before 2025, Ceph RGW, S3Proxy), and TLS plus the S3
                // Content-MD5/ETag checks already cover transfer errors.
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED);
        config.endpoint().ifPresent(builder::endpointOverride);
        S3MediaStore store = new S3MediaStore(builder.build(), bucket, root, config.multipartPartSize().asLongValue(),
                config.cacheSize().asLongValue());
        if (config.createBucket()) {
            store.createBucketIfMissing();
        }
        return store;
    }
}
