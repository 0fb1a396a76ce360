package io.casty.remote;

import io.casty.actor.NodeAddress;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The one connection to one peer, and the frames waiting to be written to it.
 *
 * <p>Senders on any thread append encoded frames to a lock-free queue; a single drain task on
 * the channel's event loop copies everything queued into as few network buffers as it can (one
 * per {@value #MAX_BATCH_BYTES} bytes), writes them and flushes once. Under load many frames
 * share one buffer and one flush (one syscall), which is where most of the throughput comes
 * from; and the network buffers are taken on the network thread, where the pooled allocator is
 * cheapest. Frames queued before the handshake completes are written right after it; frames
 * queued for a connection that fails are dropped (delivery is at most once). A peer that
 * reads so slowly that more than the maximum of pending bytes piles up is disconnected.
 */
final class Association implements Connection {

	private final NodeAddress peer;

	private final int maxPendingWriteBytes;

	/** Frames gathered into one network buffer, at most: a larger frame gets a buffer of its own. */
	static final int MAX_BATCH_BYTES = 64 * 1024;

	private final Queue<byte[]> queue = new ConcurrentLinkedQueue<>();

	/** The frames of the buffer being filled; only touched by the drain, on the event loop. */
	private final List<byte[]> batch = new ArrayList<>();

	private final AtomicBoolean drainScheduled = new AtomicBoolean();

	private final CompletableFuture<Association> established = new CompletableFuture<>();

	private volatile Channel channel;

	private volatile boolean closed;

	Association(NodeAddress peer, int maxPendingWriteBytes) {
		this.peer = peer;
		this.maxPendingWriteBytes = maxPendingWriteBytes;
	}

	@Override
	public NodeAddress peer() {
		return peer;
	}

	Channel channel() {
		return channel;
	}

	CompletableFuture<Association> established() {
		return established;
	}

	@Override
	public boolean isClosed() {
		return closed;
	}

	@Override
	public boolean wasEstablished() {
		return established.isDone() && !established.isCompletedExceptionally();
	}

	void send(byte[] frame) {
		if (closed) {
			return;
		}
		queue.offer(frame);
		Channel current = channel;
		if (current != null) {
			scheduleDrain(current);
		}
		if (closed) {
			dropQueued();
		}
	}

	/** The handshake completed on {@code established}: start writing. */
	void establish(Channel established) {
		this.channel = established;
		this.established.complete(this);
		scheduleDrain(established);
	}

	/**
	 * Takes over what waits in {@code held}, an association that never got a channel (messages
	 * for a client that had not connected yet), to be written over this one's.
	 */
	void takeOver(Association held) {
		byte[] frame;
		while ((frame = held.queue.poll()) != null) {
			queue.offer(frame);
		}
		Channel current = channel;
		if (current != null) {
			scheduleDrain(current);
		}
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
		while (writeBatch(current)) {
			wrote = true;
		}
		if (wrote) {
			current.flush();
		}
	}

	/** Writes the next frames queued, up to a batch's worth, as one buffer; false when none was queued. */
	private boolean writeBatch(Channel current) {
		int bytes = 0;
		byte[] frame;
		while (bytes < MAX_BATCH_BYTES && (frame = queue.poll()) != null) {
			batch.add(frame);
			bytes += frame.length;
		}
		if (batch.isEmpty()) {
			return false;
		}
		ByteBuf buffer = current.alloc().ioBuffer(bytes, bytes);
		for (byte[] queued : batch) {
			buffer.writeBytes(queued);
		}
		batch.clear();
		current.write(buffer, current.voidPromise());
		return true;
	}

	/** Closes the connection (if any) and drops what is queued. Idempotent. */
	void close(Throwable cause) {
		if (closed) {
			return;
		}
		closed = true;
		dropQueued();
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

	private void dropQueued() {
		queue.clear();
	}

	@Override
	public String toString() {
		Channel current = channel;
		return peer + (current != null ? " (" + current.remoteAddress() + ")" : "");
	}
}
