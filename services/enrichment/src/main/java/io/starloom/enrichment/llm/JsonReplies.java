package io.starloom.enrichment.llm;

import java.util.Optional;

/**
 * The JSON object in a model's reply: models (Chinese ones especially) wrap it in prose or in ```json fences,
 * or stop before the end. Returns the first balanced {...}, ignoring braces inside strings; empty when there is none.
 */
final class JsonReplies {

    private JsonReplies() {
    }

    static Optional<String> object(String reply) {
        int start = reply.indexOf('{');
        while (start >= 0) {
            int depth = 0;
            boolean string = false;
            for (int i = start; i < reply.length(); i++) {
                char c = reply.charAt(i);
                if (string) {
                    if (c == '\\') {
                        i++;
                    } else if (c == '"') {
                        string = false;
                    }
                } else if (c == '"') {
                    string = true;
                } else if (c == '{') {
                    depth++;
                } else if (c == '}' && --depth == 0) {
                    return Optional.of(reply.substring(start, i + 1));
                }
            }
            start = reply.indexOf('{', start + 1);
        }
        return Optional.empty();
    }
}
