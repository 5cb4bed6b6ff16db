package io.starloom.stubs;

import java.util.concurrent.CountDownLatch;

/**
 * Runs one stub until stopped, for the launcher and manual tries:
 * {@code java -jar backend-stubs.jar openai-videos|lightx2v|dashscope [port]}. The DashScope stub accepts the
 * key in {@code DASHSCOPE_API_KEY} (it never prints it); openai-videos imitates vLLM-Omni serving
 * {@code Wan-AI/Wan2.2-T2V-A14B-Diffusers}. Prints "listening on URL" once ready.
 */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) throws InterruptedException {
        if (args.length < 1) {
            System.err.println("usage: backend-stubs openai-videos|openai-videos-sglang|lightx2v|dashscope [port]");
            System.exit(2);
        }
        int port = args.length > 1 ? Integer.parseInt(args[1]) : 0;
        StubServer stub = switch (args[0]) {
            case "openai-videos" -> new OpenAiVideosStub(OpenAiVideosStub.Flavor.VLLM_OMNI, "Wan-AI/Wan2.2-T2V-A14B-Diffusers");
            case "openai-videos-sglang" -> new OpenAiVideosStub(OpenAiVideosStub.Flavor.SGLANG, "Wan-AI/Wan2.2-T2V-A14B-Diffusers");
            case "lightx2v" -> new LightX2vStub();
            case "dashscope" -> new DashScopeStub(System.getenv().getOrDefault("DASHSCOPE_API_KEY", "sk-stub"));
            default -> throw new IllegalArgumentException("unknown stub " + args[0]);
        };
        stub.start(port);
        Runtime.getRuntime().addShutdownHook(new Thread(stub::close));
        System.out.println(stub.protocol() + " stub listening on " + stub.baseUrl());
        new CountDownLatch(1).await();
    }
}
