package io.starloom.mesh.support.media;

import java.net.URI;
import java.util.Optional;

import io.quarkus.arc.Unremovable;
import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * Which media store a service uses, the same for every service of the mesh (STARLOOM_MEDIA_STORE,
 * STARLOOM_MEDIA_S3_*). Each service keeps its own {@code starloom.media.root}: the store's directory for
 * {@code filesystem}, only local staging and read cache for {@code s3}. Declared here so that every service
 * accepts the keys, whether or not it reads media (hence {@link Unremovable}).
 */
@Unremovable
@ConfigMapping(prefix = "starloom.media")
public interface MediaStoreConfig {
    enum Kind {
        /** A directory shared by the services (one machine, or a ReadWriteMany volume). */
        FILESYSTEM,
        /** An S3-compatible bucket (AWS S3, MinIO, Ceph RGW, …), for services on different machines. */
        S3
    }

    @WithDefault("filesystem")
    Kind store();

    S3 s3();

    interface S3 {
        /** The bucket holding the mesh's media; required with {@code store=s3}. */
        Optional<String> bucket();

        /** The S3 endpoint, e.g. {@code http://minio:9000}; AWS's regional endpoint when unset. */
        Optional<URI> endpoint();

        @WithDefault("us-east-1")
        String region();

        /** Path-style addressing ({@code endpoint/bucket/key}), which MinIO and most S3 servers but AWS need. */
        @WithDefault("false")
        boolean pathStyle();

        /** Create the bucket at start when it is missing (a laptop cluster's MinIO); production buckets exist. */
        @WithDefault("false")
        boolean createBucket();

        /** Objects larger than this are uploaded in parts of this size (at least 5 MiB, S3's smallest part). */
        @WithDefault("16M")
        MemorySize multipartPartSize();

        /** Downloaded objects kept under the root for reuse; the least recently used beyond this are deleted. */
        @WithDefault("2G")
        MemorySize cacheSize();
    }
}
