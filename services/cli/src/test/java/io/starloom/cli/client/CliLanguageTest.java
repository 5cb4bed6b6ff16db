package io.starloom.cli.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;

import org.junit.jupiter.api.Test;

import com.google.protobuf.Any;
import com.google.rpc.BadRequest;
import com.google.rpc.Code;
import com.google.rpc.LocalizedMessage;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.protobuf.StatusProto;

/** The CLI speaks errors in the shell's language: its own words, and the server's localized ones when sent. */
class CliLanguageTest {
    private static final ServerAddress SERVER = ServerAddress.parse("http://127.0.0.1:8080");

    @Test
    void readsThePosixLocaleInItsOrderOfPrecedence() {
        assertThat(CliLanguage.of(Map.of("LANG", "zh_CN.UTF-8"))).isEqualTo(Locale.CHINESE);
        assertThat(CliLanguage.of(Map.of("LANG", "zh_TW.Big5"))).isEqualTo(Locale.CHINESE);
        assertThat(CliLanguage.of(Map.of("LANG", "zh_CN.UTF-8", "LC_MESSAGES", "en_US.UTF-8"))).isEqualTo(Locale.ENGLISH);
        assertThat(CliLanguage.of(Map.of("LANG", "en_US.UTF-8", "LC_ALL", "zh_CN.UTF-8"))).isEqualTo(Locale.CHINESE);
        assertThat(CliLanguage.of(Map.of("LANG", "C.UTF-8"))).isEqualTo(Locale.ENGLISH);
        assertThat(CliLanguage.of(Map.of("LANG", "de_DE@euro"))).isEqualTo(Locale.ENGLISH);
        assertThat(CliLanguage.of(Map.of())).isEqualTo(Locale.ENGLISH);
    }

    @Test
    void prefersTheServersLocalizedMessagesAndAddsItsOwnWordsInChinese() {
        BadRequest violations = BadRequest.newBuilder().addFieldViolations(BadRequest.FieldViolation.newBuilder().setField("text")
                .setDescription("a story is required and must not be blank").setReason("TEXT_REQUIRED")
                .setLocalizedMessage(LocalizedMessage.newBuilder().setLocale("zh").setMessage("故事内容（text）不能为空"))).build();
        StatusRuntimeException invalid = StatusProto.toStatusRuntimeException(com.google.rpc.Status.newBuilder()
                .setCode(Code.INVALID_ARGUMENT.getNumber()).setMessage("text: a story is required").addDetails(Any.pack(violations)).build());
        assertThat(GrpcErrors.describe(invalid, SERVER, Locale.CHINESE)).hasMessage("请求无效：text: 故事内容（text）不能为空");

        StatusRuntimeException notFound = StatusProto.toStatusRuntimeException(com.google.rpc.Status.newBuilder()
                .setCode(Code.NOT_FOUND.getNumber()).setMessage("no story 42")
                .addDetails(Any.pack(LocalizedMessage.newBuilder().setLocale("zh").setMessage("找不到故事 42").build())).build());
        assertThat(GrpcErrors.describe(notFound, SERVER, Locale.CHINESE)).hasMessage("找不到：找不到故事 42");
        assertThat(GrpcErrors.describe(Status.UNAUTHENTICATED.asRuntimeException(), SERVER, Locale.CHINESE))
                .hasMessageStartingWith("未登录").hasMessageContaining("--token");
        assertThat(Problems.describe(403, "{\"title\":\"没有权限\",\"detail\":\"令牌缺少此操作所需的角色\"}", Locale.CHINESE))
                .hasMessage("没有权限：没有权限: 令牌缺少此操作所需的角色");
        assertThat(GrpcErrors.describe(notFound, SERVER, Locale.ENGLISH)).hasMessage("not found: 找不到故事 42");
    }

    @Test
    void everyKeyHasChineseWords() throws IOException {
        Properties english = load("errors.properties");
        Properties chinese = load("errors_zh.properties");
        assertThat(chinese.stringPropertyNames()).isEqualTo(english.stringPropertyNames());
        chinese.stringPropertyNames().forEach(key -> assertThat(chinese.getProperty(key)).as(key).containsPattern("\\p{IsHan}"));
    }

    private static Properties load(String name) throws IOException {
        Properties properties = new Properties();
        try (InputStream in = CliLanguageTest.class.getResourceAsStream("/io/starloom/cli/client/" + name)) {
            properties.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        }
        return properties;
    }
}
