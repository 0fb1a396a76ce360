package io.casty.sharding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class ShardHashTest {

	@ParameterizedTest(name = "\"{0}\" of {1} shards is shard {2}")
	@CsvSource(delimiter = '|', emptyValue = "", value = {
			"user-42  | 100 | 87",
			"user-42  | 256 | 7",
			"alice    | 10  | 0",
			"entity-1 | 10  | 6",
			"''       | 100 | 93",
			"é        | 100 | 19" })
	void shardMatchesTheOriginalLibrary(String entityId, int numShards, int expected) {
		assertThat(ShardHash.shardOf(entityId, numShards)).isEqualTo(expected);
	}

	@Test
	void shardIsAlwaysWithinRange() {
		for (int i = 0; i < 10_000; i++) {
			assertThat(ShardHash.shardOf("entity-" + i, 7)).isBetween(0, 6);
		}
	}

	@Test
	void nonPositiveShardCountIsRejected() {
		assertThatThrownBy(() -> ShardHash.shardOf("a", 0)).isInstanceOf(IllegalArgumentException.class)
			.hasMessage("numShards : 0 (expected: > 0)");
	}
}
