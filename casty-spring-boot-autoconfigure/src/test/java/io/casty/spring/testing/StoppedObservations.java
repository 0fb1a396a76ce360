package io.casty.spring.testing;

import io.micrometer.common.KeyValue;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * An observation handler bean, which Spring Boot's observation auto-configuration registers, that
 * records every observation that stops, in order: for the tests of what Casty observes.
 */
@Configuration(proxyBeanMethods = false)
public class StoppedObservations {

	private final List<Observation.Context> stopped = new CopyOnWriteArrayList<>();

	@Bean
	ObservationHandler<Observation.Context> stoppedObservationsHandler() {
		return new ObservationHandler<>() {

			@Override
			public boolean supportsContext(Observation.Context context) {
				return true;
			}

			@Override
			public void onStop(Observation.Context context) {
				StoppedObservations.this.stopped.add(context);
			}

		};
	}

	/** Each stopped observation as {@code name contextual-name}, in order. */
	public List<String> names() {
		return this.stopped.stream().map((context) -> context.getName() + " " + context.getContextualName()).toList();
	}

	/** The stopped observations' contexts, in order. */
	public List<Observation.Context> contexts() {
		return List.copyOf(this.stopped);
	}

	/** The keys of each stopped observation's low-cardinality tags, in order. */
	public List<List<String>> lowCardinalityKeys() {
		return this.stopped.stream()
			.map((context) -> context.getLowCardinalityKeyValues().stream().map(KeyValue::getKey).toList())
			.toList();
	}

}
