package io.starloom.mesh.support.media;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

import org.jboss.logging.Logger;

import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * The media store in one S3 bucket, for services on different machines. URIs are {@code s3://<bucket>/<key>}
 * with a {@link MediaKey} as key; any other scheme, bucket or key is refused as the filesystem store refuses
 * what lies outside its root. An S3 object becomes visible only when its upload is complete, so readers never
 * see part of one. Large files are uploaded in parts.
 *
 * <p>The root is local: scratch directories (on the same disk as the cache, for cheap renames) and a read
 * cache of downloaded objects, reused while their ETag is unchanged and trimmed to a size.
 */
public final class S3MediaStore implements MediaStore {
    private static final Logger LOG = Logger.getLogger(S3MediaStore.class);
    private static final long MIN_PART_SIZE = 5L * 1024 * 1024;
    /** Cached files read this recently are never trimmed: a film edit may be about to open them. */
    private static final long TRIM_GRACE_MILLIS = 15 * 60 * 1000L;

    private final S3Client s3;
    private final String bucket;
    private final Path work;
    private final Path cache;
    private final long partSize;
    private final long cacheSize;

    public S3MediaStore(S3Client s3, String bucket, Path root, long partSize, long cacheSize) {
        if (partSize < MIN_PART_SIZE) {
            throw new IllegalArgumentException("S3 parts are at least 5 MiB, not " + partSize + " bytes");
        }
        this.s3 = s3;
        this.bucket = bucket;
        Path local = root.toAbsolutePath().normalize();
        this.work = local.resolve(".work");
        this.cache = local.resolve(".cache");
        this.partSize = partSize;
        this.cacheSize = cacheSize;
    }

    void createBucketIfMissing() {
        try {
            s3.headBucket(b -> b.bucket(bucket));
        } catch (NoSuchBucketException e) {
            LOG.infof("creating the media bucket %s", bucket);
            s3.createBucket(b -> b.bucket(bucket));
        }
    }

    @Override
    public String uriOf(MediaKey key) {
        return "s3://" + bucket + "/" + key.path();
    }

    @Override
    public String put(MediaKey key, Path file) {
        try {
            long size = Files.size(file);
            if (size > partSize) {
                putInParts(key, file, size);
            } else {
                s3.putObject(b -> b.bucket(bucket).key(key.path()), RequestBody.fromFile(file));
            }
            Files.delete(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot store " + file + " as " + key.path(), e);
        }
        return uriOf(key);
    }

    private void putInParts(MediaKey key, Path file, long size) throws IOException {
        String upload = s3.createMultipartUpload(b -> b.bucket(bucket).key(key.path())).uploadId();
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            List<CompletedPart> parts = new ArrayList<>();
            ByteBuffer buffer = ByteBuffer.allocate((int) Math.min(partSize, Integer.MAX_VALUE - 8));
            for (long offset = 0, number = 1; offset < size; offset += buffer.limit(), number++) {
                fill(channel, buffer);
                int partNumber = (int) number;
                String etag = s3.uploadPart(b -> b.bucket(bucket).key(key.path()).uploadId(upload).partNumber(partNumber),
                        RequestBody.fromByteBuffer(buffer)).eTag();
                parts.add(CompletedPart.builder().partNumber(partNumber).eTag(etag).build());
            }
            s3.completeMultipartUpload(b -> b.bucket(bucket).key(key.path()).uploadId(upload).multipartUpload(m -> m.parts(parts)));
        } catch (IOException | RuntimeException e) {
            try {
                s3.abortMultipartUpload(b -> b.bucket(bucket).key(key.path()).uploadId(upload));
            } catch (RuntimeException abort) {
                e.addSuppressed(abort);
            }
            throw e;
        }
    }

    /** Reads the next part into the buffer, flipped for reading: a whole part, or what is left of the file. */
    private static void fill(FileChannel channel, ByteBuffer buffer) throws IOException {
        buffer.clear();
        int read;
        do {
            read = channel.read(buffer);
        } while (read >= 0 && buffer.hasRemaining());
        buffer.flip();
    }

    @Override
    public Path localFile(String uri) {
        MediaKey key = keyOf(uri);
        HeadObjectResponse head = head(key, uri);
        Path cached = cache.resolve(key.path());
        Path tag = cached.resolveSibling("." + cached.getFileName() + ".etag");
        try {
            if (Files.isRegularFile(cached) && Files.isRegularFile(tag) && Files.readString(tag).equals(head.eTag())) {
                Files.setLastModifiedTime(cached, FileTime.from(Instant.now()));
                return cached;
            }
            Files.createDirectories(cached.getParent());
            Path staged = Files.createTempFile(cached.getParent(), "." + cached.getFileName() + ".", ".part");
            try (InputStream in = open(uri)) {
                Files.copy(in, staged, StandardCopyOption.REPLACE_EXISTING);
                Files.move(staged, cached, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                Files.writeString(tag, head.eTag());
            } finally {
                Files.deleteIfExists(staged);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot download " + uri, e);
        }
        trimCache(cached);
        return cached;
    }

    @Override
    public InputStream open(String uri) {
        MediaKey key = keyOf(uri);
        try {
            return s3.getObject(b -> b.bucket(bucket).key(key.path()));
        } catch (NoSuchKeyException e) {
            throw new MediaNotFoundException("nothing is stored at " + uri);
        }
    }

    @Override
    public boolean exists(String uri) {
        MediaKey key = keyOf(uri);
        try {
            head(key, uri);
            return true;
        } catch (MediaNotFoundException e) {
            return false;
        }
    }

    @Override
    public WorkDirectory newWorkDirectory() {
        try {
            return new WorkDirectory(Files.createTempDirectory(Files.createDirectories(work), "work-"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a work directory under " + work, e);
        }
    }

    private HeadObjectResponse head(MediaKey key, String uri) {
        try {
            return s3.headObject(b -> b.bucket(bucket).key(key.path()));
        } catch (NoSuchKeyException e) {
            throw new MediaNotFoundException("nothing is stored at " + uri);
        } catch (S3Exception e) {
            if (e.statusCode() == 404) {
                throw new MediaNotFoundException("nothing is stored at " + uri);
            }
            throw e;
        }
    }

    @Override
    public MediaKey keyOf(String uri) {
        if (uri == null || uri.isBlank()) {
            throw new MediaReferenceException(MediaReferenceException.INVALID_URI, "no media URI given");
        }
        URI parsed;
        try {
            parsed = new URI(uri.strip());
        } catch (URISyntaxException e) {
            throw new MediaReferenceException(MediaReferenceException.INVALID_URI, "'" + uri + "' is not a URI: " + e.getReason());
        }
        if (!"s3".equalsIgnoreCase(parsed.getScheme())) {
            throw new MediaReferenceException(MediaReferenceException.FOREIGN_URI, "'" + uri + "' is not an s3: URI of the media store");
        }
        if (!bucket.equals(parsed.getHost()) || parsed.getRawQuery() != null || parsed.getRawFragment() != null
                || parsed.getRawPath() == null || !parsed.getRawPath().startsWith("/")) {
            throw new MediaReferenceException(MediaReferenceException.OUTSIDE_MEDIA_ROOT, uri + " is outside the media bucket " + bucket);
        }
        // MediaKey refuses '..', empty and dot-named segments, so no key reaches the local cache's dot files.
        return new MediaKey(parsed.getPath().substring(1));
    }

    /** Deletes the least recently used downloads while the cache is over its size, never the one just made. */
    private void trimCache(Path keep) {
        List<Path> files;
        try (Stream<Path> tree = Files.walk(cache)) {
            files = tree.filter(Files::isRegularFile).filter(f -> !f.getFileName().toString().startsWith(".")).toList();
        } catch (IOException e) {
            LOG.debugf("cannot list the media cache: %s", e.getMessage());
            return;
        }
        long total = files.stream().mapToLong(S3MediaStore::sizeOf).sum();
        long now = System.currentTimeMillis();
        for (Path file : files.stream().sorted(Comparator.comparingLong(S3MediaStore::lastUsed)).toList()) {
            if (total <= cacheSize) {
                return;
            }
            if (file.equals(keep) || now - lastUsed(file) < TRIM_GRACE_MILLIS) {
                continue;
            }
            long size = sizeOf(file);
            try {
                Files.deleteIfExists(file);
                Files.deleteIfExists(file.resolveSibling("." + file.getFileName() + ".etag"));
                total -= size;
            } catch (IOException e) {
                LOG.debugf("cannot trim %s from the media cache: %s", file, e.getMessage());
            }
        }
    }

    private static long sizeOf(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            return 0;
        }
    }

    private static long lastUsed(Path file) {
        try {
            return Files.getLastModifiedTime(file).toMillis();
        } catch (IOException e) {
            return 0;
        }
    }
}
