package io.casty.benchmarks.load;

/**
 * A system the load generator measures: its server side, run in a node JVM, and its client,
 * run in a separate client JVM. Implementations use each system the way its documentation
 * recommends for this job; where the harness departs from a default to be fair, the
 * implementation says why.
 */
public interface SystemUnderTest {

	/** The name in figures and on the command line. */
	String name();

	/**
	 * Starts the server side on {@code host:port} and returns once it can serve the entities.
	 *
	 * @return what stops it
	 */
	AutoCloseable serve(String host, int port, LoadSettings settings) throws Exception;

	/** Connects a client to the server side at {@code host:port}. */
	Target connect(String host, int port, LoadSettings settings) throws Exception;
}
