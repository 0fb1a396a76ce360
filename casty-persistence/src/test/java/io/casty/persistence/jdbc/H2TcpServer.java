package io.casty.persistence.jdbc;

import java.nio.file.Path;
import java.sql.SQLException;
import org.h2.tools.Server;

/**
 * An H2 TCP server over a directory that goes away and comes back on the same port, as the
 * process serving the journal's file to the others does when it stops and another takes over.
 */
final class H2TcpServer implements AutoCloseable {

	private final Path directory;

	private final int port;

	private Server server;

	private H2TcpServer(Path directory, Server server) {
		this.directory = directory;
		this.server = server;
		this.port = server.getPort();
	}

	static H2TcpServer start(Path directory) throws SQLException {
		return new H2TcpServer(directory, serve(directory, 0));
	}

	private static Server serve(Path directory, int port) throws SQLException {
		return Server.createTcpServer("-tcpPort", Integer.toString(port), "-baseDir", directory.toString(), "-ifNotExists")
			.start();
	}

	/** The JDBC URL of database {@code name} on this server. */
	String url(String name) {
		return "jdbc:h2:tcp://127.0.0.1:" + this.port + "/" + name;
	}

	void stop() {
		this.server.stop();
	}

	/** Serves again, on the same port. */
	void restart() throws SQLException {
		this.server = serve(this.directory, this.port);
	}

	@Override
	public void close() {
		this.server.stop();
	}
}
