package io.casty.remote;

import io.casty.actor.NodeAddress;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The one connection to one peer, and the frames waiting to be written to it.
 *
 * <p>Senders on any thread append encoded frames to a lock-free queue; a single drain task on
 * the channel's event loop writes everything queued and flushes once. Under load many frames
 * share one flush (one syscall), which is where most of the throughput comes from. Frames
 * queued before the handshake completes are written right after it; frames queued for a
 * connection that fails are released and dropped (delivery is at most once). A peer that
 * reads so slowly that more than the maximum of pending bytes piles up is disconnected.
 */
final class Association {

	private final NodeAddress peer;

	private final int maxPendingWriteBytes;

	private final Queue<ByteBuf> queue = new ConcurrentLinkedQueue<>();

	private final AtomicBoolean drainScheduled = new AtomicBoolean();

	private final CompletableFuture<Association> established = new CompletableFuture<>();

	private volatile Channel channel;

	private volatile boolean closed;

	Association(NodeAddress peer, int maxPendingWriteBytes) {
		this.peer = peer;
		this.maxPendingWriteBytes = maxPendingWriteBytes;
	}

	NodeAddress peer() {
		return peer;
	}

	Channel channel() {
		return channel;
	}

	CompletableFuture<Association> established() {
		return established;
	}

	boolean isClosed() {
		return closed;
	}

	void send(ByteBuf frame) {
		if (closed) {
			frame.release();
			return;
		}
		queue.offer(frame);
		Channel current = channel;
		if (current != null) {
			scheduleDrain(current);
		}
		if (closed) {
			releaseQueued();
		}
	}

	/** The handshake completed on {@code established}: start writing. */
	void establish(Channel established) {
		this.channel = established;
		this.established.complete(this);
		scheduleDrain(established);
	}

	private void scheduleDrain(Channel current) {
		if (drainScheduled.compareAndSet(false, true)) {
			current.eventLoop().execute(() -> drain(current));
		}
	}

	private void drain(Channel current) {
		drainScheduled.set(false);
		if (!current.isActive()) {
			// Closing: what is queued is released when the association closes. (A closed channel
			// also reports unlimited bytes before writable, which is not a slow reader.)
			return;
		}
		if (current.bytesBeforeWritable() > maxPendingWriteBytes) {
			// Through the pipeline, so the connection's handler logs the cause and closes it.
			current.pipeline().fireExceptionCaught(new SlowPeerException(peer + " reads too slowly: more than "
					+ maxPendingWriteBytes + " bytes are waiting to be written to it"));
			return;
		}
		boolean wrote = false;
		ByteBuf frame;
		while ((frame = queue.poll()) != null) {
			current.write(frame, current.voidPromise());
			wrote = true;
		}
		if (wrote) {
			current.flush();
		}
	}

	/** Closes the connection (if any) and drops what is queued. Idempotent. */
	void close(Throwable cause) {
		if (closed) {
			return;
		}
		closed = true;
		releaseQueued();
		if (cause != null) {
			established.completeExceptionally(cause);
		}
		else {
			established.cancel(false);
		}
		Channel current = channel;
		if (current != null) {
			current.close();
		}
	}

	private void releaseQueued() {
		ByteBuf frame;
		while ((frame = queue.poll()) != null) {
			frame.release();
		}
	}

	@Override
	public String toString() {
		Channel current = channel;
		return peer + (current != null ? " (" + current.remoteAddress() + ")" : "");
	}
}
