package io.wschat.dynamodb.internal;

import static org.assertj.core.api.Assertions.assertThatCode;

import org.junit.jupiter.api.Test;

class ArchiveTrainingIT {

    @Test
    void main_makesEveryCallSuccessfully_soTheRecordedArchiveHoldsTheServingPath() {
        // main throws on any answer but 200, which would leave ./run-dynamodb without its class archive
        assertThatCode(() -> ArchiveTraining.main(new String[0])).doesNotThrowAnyException();
    }
}
