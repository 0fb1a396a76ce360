package io.casty.examples.quickstart;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The README's first example runs as printed, and the README prints it as it is. */
class NodeAndClientTest {

	private static final Path SOURCE = Path.of("src/main/java/io/casty/examples/quickstart/NodeAndClient.java");

	@Test
	void theExampleCountsWhatTheClientToldTheNodesEntity() throws IOException {
		PrintStream standardOut = System.out;
		ByteArrayOutputStream printed = new ByteArrayOutputStream();
		System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
		try {
			NodeAndClient.main(new String[] { Integer.toString(freePort()) });
		}
		finally {
			System.setOut(standardOut);
		}
		assertThat(printed.toString(StandardCharsets.UTF_8)).isEqualTo("apples: 7" + System.lineSeparator());
	}

	@Test
	void theReadmeShowsTheExampleAsItIs() throws IOException {
		String source = Files.readString(SOURCE);
		String shown = source.substring(source.indexOf("import "))
			.replace("/** The README's first example: a node hosting a sharded counter, and a client that reaches it. */\n", "")
			.replace("\t", "    ");
		assertThat(Files.readString(Path.of("..", "README.md"))).contains(shown);
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
			return socket.getLocalPort();
		}
	}
}
