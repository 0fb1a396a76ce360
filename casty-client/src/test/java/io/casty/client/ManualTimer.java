package io.casty.client;

import io.netty.util.Timeout;
import io.netty.util.Timer;
import io.netty.util.TimerTask;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/** A timer whose tasks run only when the test says so, whatever their delay. */
final class ManualTimer implements Timer {

	private final List<TimerTask> scheduled = new ArrayList<>();

	@Override
	public synchronized Timeout newTimeout(TimerTask task, long delay, TimeUnit unit) {
		scheduled.add(task);
		return null;
	}

	/** Runs every task scheduled so far. */
	void runScheduled() throws Exception {
		List<TimerTask> due;
		synchronized (this) {
			due = new ArrayList<>(scheduled);
			scheduled.clear();
		}
		for (TimerTask task : due) {
			task.run(null);
		}
	}

	synchronized int scheduledCount() {
		return scheduled.size();
	}

	@Override
	public Set<Timeout> stop() {
		return Set.of();
	}
}
