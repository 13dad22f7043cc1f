package org.jfoundry.adapters.rest;

import static org.assertj.core.api.Assertions.assertThat;

import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.images.builder.ImageFromDockerfile;
import org.testcontainers.junit.jupiter.Testcontainers;

/**
 * The service packaged into a container image and driven from outside it, as a user on another machine would.
 * Where Docker is missing, JUnit reports this class as skipped (not absent) because of {@code disabledWithoutDocker}.
 *
 * <p>The image holds this test run's class path (the adapter, the domain, the fakes) and starts {@link FakeServiceMain};
 * once adapters-cli assembles the distribution, that is what the image should hold instead.
 */
@Testcontainers(disabledWithoutDocker = true)
class ContainerTest {
    private static final int PORT = 5272;
    private static GenericContainer<?> service;

    @BeforeAll
    static void startContainer() {
        ImageFromDockerfile image = new ImageFromDockerfile("jfoundry-rest-test", true);
        List<String> classPath = new ArrayList<>();
        int index = 0;
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            Path path = Path.of(entry);
            if (!Files.exists(path)) {
                continue;
            }
            String target = "cp/" + index++ + (Files.isDirectory(path) ? "" : ".jar");
            image.withFileFromPath(target, path);
            classPath.add("/app/" + target);
        }
        image.withDockerfileFromBuilder(docker -> docker.from("eclipse-temurin:25-jre")
                .copy("cp", "/app/cp")
                .expose(PORT)
                .entryPoint("java", "-cp", String.join(":", classPath), FakeServiceMain.class.getName(),
                        Integer.toString(PORT))
                .build());
        service = new GenericContainer<>(image).withExposedPorts(PORT)
                .waitingFor(Wait.forHttp("/health").forStatusCode(200));
        service.start();
    }

    @AfterAll
    static void stopContainer() {
        if (service != null) {
            service.stop();
        }
    }

    @Test
    void theContainerisedServiceAnswersAnOpenAiClient() {
        String url = "http://" + service.getHost() + ":" + service.getMappedPort(PORT) + "/v1";
        OpenAIClient client = OpenAIOkHttpClient.builder().baseUrl(url).apiKey("none").build();
        try {
            ChatCompletion completion = client.chat().completions().create(ChatCompletionCreateParams.builder()
                    .model(FakeFoundry.CHAT_ALIAS).addUserMessage("Say hello").build());

            assertThat(completion.choices().getFirst().message().content()).hasValue("Hello from the fake engine.");
            assertThat(client.models().list().data()).isNotEmpty();
        } finally {
            client.close();
        }
    }
}
