package io.casty.testing;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.slf4j.LoggerFactory;

/** Collects what a logger (and its children) logs, so tests can assert on log lines. */
public final class LogCapture implements AutoCloseable {

	private final Logger logger;

	private final ListAppender<ILoggingEvent> appender = new ListAppender<>();

	private LogCapture(String loggerName) {
		this.logger = (Logger) LoggerFactory.getLogger(loggerName);
		appender.start();
		logger.addAppender(appender);
	}

	/** Starts capturing everything logged under {@code loggerName} (a package or class name). */
	public static LogCapture of(String loggerName) {
		return new LogCapture(loggerName);
	}

	/** The formatted messages logged so far, at any level, in order. */
	public synchronized List<String> messages() {
		synchronized (appender.list) {
			return appender.list.stream().map(event -> event.getLevel() + " " + event.getFormattedMessage()).toList();
		}
	}

	/**
	 * The stack frames ({@code class.method}) of the throwables logged so far, one list per
	 * event that carried one, in order.
	 */
	public synchronized List<List<String>> loggedStacks() {
		synchronized (appender.list) {
			return appender.list.stream()
				.map(ILoggingEvent::getThrowableProxy)
				.filter(Objects::nonNull)
				.map(proxy -> Arrays.stream(proxy.getStackTraceElementProxyArray())
					.map(frame -> frame.getStackTraceElement().getClassName() + "." + frame.getStackTraceElement().getMethodName())
					.toList())
				.toList();
		}
	}

	@Override
	public void close() {
		logger.detachAppender(appender);
		appender.stop();
	}
}
