package io.casty.sample.loyalty.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.casty.testing.FreePorts;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The container images, without Docker (none runs here): each Dockerfile's steps done by hand on
 * the packaged jar (its layer extraction, its copies of the layers into one directory, its
 * entrypoint run there), and the node and the API so started must work together: the API's
 * health UP against the node, an addition answered, the node leaving gracefully on SIGTERM. A
 * wrong layer, a missing copy or an entrypoint that cannot start the application fails here.
 */
class ContainerImageLayoutIT {

	private static final Duration TIMEOUT = Duration.ofSeconds(60);

	private static final Pattern EXTRACT = Pattern.compile("^RUN java (-Djarmode=tools -jar app\\.jar extract .*)$");

	private static final Pattern LAYER_COPY = Pattern.compile("^COPY --from=layers /build/(\\S+)/ \\./$");

	private static final Pattern ENTRYPOINT = Pattern.compile("^ENTRYPOINT \\[(.*)]$");

	@TempDir
	Path directory;

	private final HttpClient http = HttpClient.newHttpClient();

	private final List<Process> processes = new ArrayList<>();

	@AfterEach
	void stop() {
		this.processes.forEach(Process::destroyForcibly);
	}

	@Test
	void theImagesStartTheNodeAndTheApiFromTheirLayersAndTheyWorkTogether() throws Exception {
		int nodePort = FreePorts.next();
		int nodeHttp = FreePorts.next();
		int apiHttp = FreePorts.next();
		Process node = startImage("node", Path.of("..", "casty-node-app", "Dockerfile"), SampleSystem.jar("sample.node-app.jar"),
				List.of("--server.port=" + nodeHttp, "--casty.node.port=" + nodePort,
						"--spring.datasource.url=jdbc:h2:mem:image-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1"));
		awaitUp(nodeHttp, "/actuator/health/casty");
		startImage("api", Path.of("..", "sample-loyalty-api", "Dockerfile"), SampleSystem.jar("sample.api.jar"),
				List.of("--server.port=" + apiHttp, "--casty.client.contact-points=127.0.0.1:" + nodePort));
		awaitUp(apiHttp, "/actuator/health/casty");

		HttpResponse<String> added = this.http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + apiHttp
				+ "/users/image-user/points"))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString("{\"amount\":5}"))
			.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(added.statusCode()).isEqualTo(200);
		assertThat(added.body()).isEqualTo("{\"userId\":\"image-user\",\"points\":5}");

		node.destroy();
		assertThat(node.waitFor(TIMEOUT.toSeconds(), TimeUnit.SECONDS)).as("the node stopped on SIGTERM").isTrue();
		assertThat(Files.readString(this.directory.resolve("node.log"))).contains("is leaving", "Stopping node");
	}

	/** Does what the Dockerfile does to the jar, then runs its entrypoint with {@code arguments}. */
	private Process startImage(String name, Path dockerfile, Path jar, List<String> arguments) throws Exception {
		List<String> lines = Files.readAllLines(dockerfile).stream().map(String::trim).toList();
		Path build = Files.createDirectories(this.directory.resolve(name + "-build"));
		Files.copy(jar, build.resolve("app.jar"));
		List<String> extract = new ArrayList<>(List.of(java()));
		extract.addAll(List.of(single(lines, EXTRACT).split(" ")));
		Process extracting = new ProcessBuilder(extract).directory(build.toFile()).inheritIO().start();
		assertThat(extracting.waitFor()).as(name + "'s layer extraction").isZero();

		Path app = Files.createDirectories(this.directory.resolve(name + "-app"));
		List<String> layers = lines.stream().map(LAYER_COPY::matcher).filter(Matcher::matches).map((m) -> m.group(1)).toList();
		assertThat(layers).as(name + "'s layer copies").hasSize(4);
		for (String layer : layers) {
			copyContents(build.resolve(layer), app);
		}

		List<String> entrypoint = new ArrayList<>();
		for (String part : single(lines, ENTRYPOINT).split(",")) {
			entrypoint.add(part.trim().replaceAll("^\"|\"$", ""));
		}
		assertThat(entrypoint.get(0)).isEqualTo("java");
		entrypoint.set(0, java());
		entrypoint.addAll(arguments);
		Process process = new ProcessBuilder(entrypoint).directory(app.toFile())
			.redirectErrorStream(true)
			.redirectOutput(this.directory.resolve(name + ".log").toFile())
			.start();
		this.processes.add(process);
		return process;
	}

	private static String single(List<String> lines, Pattern pattern) {
		List<String> matches = lines.stream().map(pattern::matcher).filter(Matcher::matches).map((m) -> m.group(1)).toList();
		assertThat(matches).as("lines matching " + pattern).hasSize(1);
		return matches.get(0);
	}

	/** As {@code COPY source/ ./} does: the source's contents, merged into the target. */
	private static void copyContents(Path source, Path target) throws IOException {
		try (Stream<Path> files = Files.walk(source)) {
			for (Path file : files.toList()) {
				Path copy = target.resolve(source.relativize(file).toString());
				if (Files.isDirectory(file)) {
					Files.createDirectories(copy);
				}
				else {
					Files.copy(file, copy);
				}
			}
		}
	}

	private void awaitUp(int httpPort, String path) {
		URI health = URI.create("http://127.0.0.1:" + httpPort + path);
		await().atMost(TIMEOUT).ignoreExceptions().untilAsserted(() -> {
			this.processes.forEach((process) -> assertThat(process.isAlive()).as("still running").isTrue());
			HttpResponse<String> response = this.http.send(HttpRequest.newBuilder(health).build(),
					HttpResponse.BodyHandlers.ofString());
			assertThat(response.body()).contains("\"status\":\"UP\"");
		});
	}

	private static String java() {
		return Path.of(System.getProperty("java.home"), "bin", "java").toString();
	}
}
