package io.starloom.moderation.classifier.nsfwjs;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;

/**
 * Reads nsfwjs' bundled model as its npm package ships it: {@code model.min.js} is a browserify wrapper around
 * a JavaScript object literal (the Keras layers topology plus the weights manifest) and
 * {@code group1-shard1of1.min.js} one around a base64 string (the weight bytes). The literal is minified
 * JavaScript, not JSON (unquoted keys, {@code !0}/{@code !1} for booleans, {@code .5} numbers), which
 * Jackson reads with its lenient features once the booleans are spelled out.
 */
public final class NsfwjsPackage {
    /** Where the build puts the MobileNetV2 files (see the module's pom). */
    public static final String RESOURCE_DIRECTORY = "nsfwjs/mobilenet_v2/";
    /** The browserify module's {@code x.exports=} (the minifier names the variable). */
    private static final Pattern EXPORTS = Pattern.compile("\\b[A-Za-z_$][A-Za-z0-9_$]*\\.exports=");
    private static final JsonMapper LENIENT = JsonMapper.builder()
            .enable(JsonReadFeature.ALLOW_UNQUOTED_FIELD_NAMES, JsonReadFeature.ALLOW_LEADING_DECIMAL_POINT_FOR_NUMBERS,
                    JsonReadFeature.ALLOW_LEADING_PLUS_SIGN_FOR_NUMBERS, JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS,
                    JsonReadFeature.ALLOW_SINGLE_QUOTES, JsonReadFeature.ALLOW_TRAILING_DECIMAL_POINT_FOR_NUMBERS)
            .build();

    private NsfwjsPackage() {
    }

    /** The model from the classpath, where the build put it. */
    public static KerasModel fromClasspath() {
        return of(resource("model.min.js"), resource("group1-shard1of1.min.js"));
    }

    /** The model from the two files' contents. */
    public static KerasModel of(String modelJs, String weightsJs) {
        JsonNode model = readLiteral(modelJs);
        byte[] weights = Base64.getDecoder().decode(readString(weightsJs));
        return KerasModel.of(model.path("modelTopology"), model.path("weightsManifest"), weights);
    }

    private static JsonNode readLiteral(String js) {
        int start = exported(js, '{');
        if (start < 0) {
            throw new IllegalArgumentException("model.min.js does not export an object literal");
        }
        // Minified booleans; the file's strings (layer names, class names) never hold '!'.
        String literal = js.substring(start).replace("!0", "true").replace("!1", "false");
        try (JsonParser parser = LENIENT.createParser(literal)) {
            // Reads the one value and stops: the wrapper's closing code follows it.
            return LENIENT.readTree(parser);
        } catch (IOException e) {
            throw new IllegalArgumentException("model.min.js holds no readable model: " + e.getMessage(), e);
        }
    }

    private static String readString(String js) {
        int start = exported(js, '"');
        int end = start < 0 ? -1 : js.indexOf('"', start + 1);
        if (end < 0) {
            throw new IllegalArgumentException("group1-shard1of1.min.js does not export a string");
        }
        return js.substring(start + 1, end);
    }

    /** Where the first export whose value starts with {@code first} begins; the UMD header exports a call first. */
    private static int exported(String js, char first) {
        Matcher exports = EXPORTS.matcher(js);
        while (exports.find()) {
            if (exports.end() < js.length() && js.charAt(exports.end()) == first) {
                return exports.end();
            }
        }
        return -1;
    }

    private static String resource(String name) {
        try (InputStream in = Thread.currentThread().getContextClassLoader().getResourceAsStream(RESOURCE_DIRECTORY + name)) {
            if (in == null) {
                throw new IllegalStateException("the nsfwjs model file " + RESOURCE_DIRECTORY + name
                        + " is not on the classpath: the moderation module's build fetches it from the npm registry");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
