package io.casty.examples.guide;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Runs the packaged example jar the way the README says, and compares its output with the guide's. */
class ClusterClientGuideIT {

	@Test
	void theExampleJarPrintsExactlyTheGuidesOutputAndExitsCleanly() throws Exception {
		Path jar = executableJar();
		Process process = new ProcessBuilder(javaBinary(), "-jar", jar.toString())
			.redirectError(ProcessBuilder.Redirect.DISCARD)
			.start();
		String stdout = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

		assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("exited within a minute").isTrue();
		assertThat(process.exitValue()).isZero();
		assertThat(stdout).isEqualTo(expectedOutput());
	}

	private static String expectedOutput() throws IOException {
		try (InputStream in = ClusterClientGuideIT.class.getResourceAsStream("/guide-output.txt")) {
			return new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
	}

	private static Path executableJar() throws IOException {
		try (Stream<Path> files = Files.list(Path.of("target"))) {
			List<Path> jars = files.filter(path -> path.getFileName().toString().matches("casty-examples-.*\\.jar"))
				.toList();
			assertThat(jars).as("the packaged example jar in target/").hasSize(1);
			return jars.get(0);
		}
	}

	static String javaBinary() {
		return Path.of(System.getProperty("java.home"), "bin", "java").toString();
	}
}
