package io.casty.benchmarks.load.raw;

import io.casty.benchmarks.load.JvmProcess;
import io.casty.benchmarks.load.LoadBenchmark;
import io.casty.benchmarks.load.LoadSettings;
import io.casty.benchmarks.load.NodeMain;
import io.casty.benchmarks.load.SystemRun;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.UnpooledByteBufAllocator;
import java.io.DataInputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;

/**
 * How low a sequential round trip can go on this machine, and what it takes. Against the raw
 * echo server (in its own JVM, as in the load run), alternately: the raw echo's own client (one
 * Netty connection: the caller hands each request to the event loop, and the event loop hands
 * the reply back: two thread wake-ups per round trip on top of the server's), and a blocking
 * socket read and written by the calling thread itself (no hand-off at all: the kernel wakes
 * the caller when the reply lands). A client that multiplexes many callers over one connection,
 * as Casty's, Hazelcast's and Pekko's do, pays the first; the second is the least any client
 * pays here.
 *
 * <p>Arguments: {@code [rounds] [round-trips per round]}, default 5 and 20,000.
 */
public final class FloorProbe {

	private static final String HOST = "127.0.0.1";

	private FloorProbe() {
	}

	public static void main(String[] args) throws Exception {
		int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 5;
		int roundTrips = args.length > 1 ? Integer.parseInt(args[1]) : 20_000;
		LoadSettings settings = LoadSettings.DEFAULTS;
		int port = SystemRun.freePort(HOST);
		List<String> nodeArgs = new ArrayList<>(List.of(RawEchoSystem.NAME, HOST, Integer.toString(port)));
		nodeArgs.addAll(settings.toArgs());
		Path logs = LoadBenchmark.defaultLogs();
		try (JvmProcess node = JvmProcess.start("floor-probe-node", NodeMain.class, nodeArgs, SystemRun.JVM_FLAGS, logs,
				line -> {
				})) {
			node.awaitReady(Duration.ofMinutes(1));
			try (EchoClient eventLoop = new EchoClient(HOST, port); Socket blocking = new Socket(HOST, port)) {
				blocking.setTcpNoDelay(true);
				RoundTrip viaEventLoop = entity -> eventLoop.addAndGet(entity).toCompletableFuture().get(5,
						TimeUnit.SECONDS);
				RoundTrip viaBlockingSocket = blockingRoundTrip(blocking);
				// Warm-up, unmeasured.
				measure(viaEventLoop, roundTrips, settings.entities());
				measure(viaBlockingSocket, roundTrips, settings.entities());
				System.out.printf("%-16s %10s %10s%n", "round trip", "p50 µs", "p99 µs");
				double[] eventLoopMedians = new double[rounds];
				double[] blockingMedians = new double[rounds];
				for (int round = 0; round < rounds; round++) {
					eventLoopMedians[round] = print("event loop", measure(viaEventLoop, roundTrips, settings.entities()));
					blockingMedians[round] = print("blocking socket",
							measure(viaBlockingSocket, roundTrips, settings.entities()));
				}
				double eventLoopP50 = medianOf(eventLoopMedians);
				double blockingP50 = medianOf(blockingMedians);
				System.out.printf("median p50 over %d rounds: event loop %.1f µs, blocking socket %.1f µs (%.2fx)%n", rounds,
						eventLoopP50, blockingP50, blockingP50 / eventLoopP50);
			}
		}
	}

	@FunctionalInterface
	private interface RoundTrip {

		int addAndGet(int entity) throws Exception;
	}

	private static RoundTrip blockingRoundTrip(Socket socket) throws Exception {
		OutputStream out = socket.getOutputStream();
		DataInputStream in = new DataInputStream(socket.getInputStream());
		return entity -> {
			ByteBuf request = EchoFrames.request(UnpooledByteBufAllocator.DEFAULT, EchoFrames.ADD_AND_GET, entity);
			try {
				out.write(ByteBufUtil.getBytes(request));
			}
			finally {
				request.release();
			}
			byte[] reply = new byte[in.readInt()];
			in.readFully(reply);
			return ((reply[0] & 0xff) << 24) | ((reply[1] & 0xff) << 16) | ((reply[2] & 0xff) << 8) | (reply[3] & 0xff);
		};
	}

	private static Histogram measure(RoundTrip roundTrip, int count, int entities) throws Exception {
		Histogram latencies = new Histogram(3);
		for (int i = 0; i < count; i++) {
			long start = System.nanoTime();
			roundTrip.addAndGet(i % entities);
			latencies.recordValue(System.nanoTime() - start);
		}
		return latencies;
	}

	/** Prints a line and returns the p50 in µs. */
	private static double print(String name, Histogram latencies) {
		double p50 = latencies.getValueAtPercentile(50) / 1000.0;
		System.out.printf("%-16s %10.1f %10.1f%n", name, p50, latencies.getValueAtPercentile(99) / 1000.0);
		return p50;
	}

	private static double medianOf(double[] values) {
		double[] sorted = values.clone();
		Arrays.sort(sorted);
		return sorted[sorted.length / 2];
	}
}
