package io.wschat.dynamodb.internal.expression;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ReservedWordsTest {

    @Test
    void list_holdsAllOfDynamoDbsReservedWords() {
        assertThat(ReservedWords.count()).isEqualTo(573);
    }

    @Test
    void isReserved_ignoresCase() {
        assertThat(ReservedWords.isReserved("name")).isTrue();
        assertThat(ReservedWords.isReserved("Status")).isTrue();
        assertThat(ReservedWords.isReserved("ZONE")).isTrue();
        assertThat(ReservedWords.isReserved("room")).isFalse();
    }
}
