package io.wschat.dynamodb.internal.expression;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ReservedWordsTest {

    @Test
    void list_holdsAllOfDynamoDbsReservedWords() {
        assertThat(ReservedWords.count()).isEqualTo(573);
    }

    @ParameterizedTest(name = "{0} is reserved: {1}")
    @CsvSource({"name, true", "Status, true", "ZONE, true", "room, false"})
    void isReserved_ignoresCase(String word, boolean reserved) {
        assertThat(ReservedWords.isReserved(word)).isEqualTo(reserved);
    }
}
