package org.jfoundry.adapters.cli.container;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.images.builder.ImageFromDockerfile;
import org.testcontainers.junit.jupiter.Testcontainers;

/**
 * The packaged service in a container image, driven from the host as a user on another machine would drive it: the
 * service's classes and runtime class path on eclipse-temurin:25-jre, started as {@code foundry service start} starts
 * it, over a foundry home baked into the image. Where no Docker engine runs, JUnit reports this class as skipped
 * ({@code disabledWithoutDocker}); {@link PackagedServiceProcessTest} runs the same contents as a local process.
 */
@Testcontainers(disabledWithoutDocker = true)
class PackagedServiceContainerTest extends PackagedServiceContract {
    private static final String BASE_IMAGE = "eclipse-temurin:25-jre";
    private static final int PORT = 5272;

    private GenericContainer<?> service;

    @Override
    URI start(Path home) {
        PackagedServiceImage.writeHome(home, "0.0.0.0", PORT);
        Map<String, Path> classPath = PackagedServiceImage.imageClassPath(PackagedServiceImage.classPath(Path.of("target")));
        ImageFromDockerfile image = new ImageFromDockerfile("jfoundry-packaged-service", true);
        List<String> inImage = new ArrayList<>();
        classPath.forEach((placed, entry) -> {
            image.withFileFromPath(placed, entry);
            inImage.add("/" + placed);
        });
        image.withFileFromPath(PackagedServiceImage.HOME_FOLDER, home);
        String homeInImage = "/" + PackagedServiceImage.HOME_FOLDER;
        image.withDockerfileFromBuilder(docker -> docker.from(BASE_IMAGE)
                .copy(PackagedServiceImage.APP_FOLDER, "/" + PackagedServiceImage.APP_FOLDER)
                .copy(PackagedServiceImage.HOME_FOLDER, homeInImage)
                .env("FOUNDRY_HOME", homeInImage)
                .expose(PORT)
                .entryPoint(PackagedServiceImage.serviceCommand("java", inImage).toArray(String[]::new))
                .build());
        service = new GenericContainer<>(image)
                .withExposedPorts(PORT)
                .waitingFor(Wait.forHttp("/health").forStatusCode(200).withStartupTimeout(Duration.ofMinutes(3)));
        service.start();
        return URI.create("http://" + service.getHost() + ":" + service.getMappedPort(PORT));
    }

    @Override
    void stop() {
        if (service != null) {
            service.stop();
        }
    }
}
