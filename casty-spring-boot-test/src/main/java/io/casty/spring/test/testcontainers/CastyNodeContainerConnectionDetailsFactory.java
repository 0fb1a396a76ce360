package io.casty.spring.test.testcontainers;

import io.casty.spring.autoconfigure.CastyClientConnectionDetails;
import java.util.List;
import org.springframework.boot.testcontainers.service.connection.ContainerConnectionDetailsFactory;
import org.springframework.boot.testcontainers.service.connection.ContainerConnectionSource;

/**
 * {@code @ServiceConnection} for a {@link CastyNodeContainer}: the client's system name is the
 * container's, its contact point the host and port Docker published for the cluster port.
 */
class CastyNodeContainerConnectionDetailsFactory
		extends ContainerConnectionDetailsFactory<CastyNodeContainer, CastyClientConnectionDetails> {

	@Override
	protected CastyClientConnectionDetails getContainerConnectionDetails(
			ContainerConnectionSource<CastyNodeContainer> source) {
		return new CastyNodeContainerConnectionDetails(source);
	}

	static final class CastyNodeContainerConnectionDetails extends ContainerConnectionDetails<CastyNodeContainer>
			implements CastyClientConnectionDetails {

		CastyNodeContainerConnectionDetails(ContainerConnectionSource<CastyNodeContainer> source) {
			super(source);
		}

		@Override
		public String getSystemName() {
			return getContainer().getSystemName();
		}

		@Override
		public List<Node> getContactPoints() {
			return List.of(new Node(getContainer().getHost(), getContainer().getMappedPort(CastyNodeContainer.CLUSTER_PORT)));
		}
	}
}
