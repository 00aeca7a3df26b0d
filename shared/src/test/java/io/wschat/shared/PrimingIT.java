package io.wschat.shared;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import io.wschat.shared.testing.DynamoDbExtension;
import io.wschat.shared.testing.HandlerTestBase;
import io.wschat.shared.testing.TestEnvironment;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class PrimingIT extends HandlerTestBase {

    private Dependencies dependencies(Map<String, String> overrides) {
        return backends.dependencies(env -> env.putAll(overrides));
    }

    @Test
    void beforeCheckpoint_runsEveryStep_andReportsNoFailure_whenDynamoDbAnswers() {
        List<String> ran = new ArrayList<>();
        Priming priming = Priming.builder(dependencies(Map.of()))
                .step("first", () -> ran.add("first"))
                .step("second", () -> ran.add("second"))
                .build();

        priming.beforeCheckpoint(null);

        assertThat(ran).containsExactly("first", "second");
        assertThat(priming.ranSteps()).containsExactly("dynamodb", "first", "second");
        assertThat(priming.failedSteps()).isEmpty();
    }

    @Test
    void beforeCheckpoint_swallowsAFailingStep_andRunsTheOthers() {
        List<String> ran = new ArrayList<>();
        Priming priming = Priming.builder(dependencies(Map.of()))
                .step("broken", () -> {
                    throw new IllegalStateException("boom");
                })
                .step("linkage", () -> {
                    throw new NoClassDefFoundError("missing/Class");
                })
                .step("after", () -> ran.add("after"))
                .build();

        assertThatCode(() -> priming.beforeCheckpoint(null)).doesNotThrowAnyException();

        assertThat(priming.failedSteps()).containsExactly("broken", "linkage");
        assertThat(ran).containsExactly("after");
        assertThat(priming.ranSteps()).containsExactly("dynamodb", "broken", "linkage", "after");
    }

    @Test
    void beforeCheckpoint_doesNotThrow_whenDynamoDbIsUnreachable() {
        Priming priming = Priming.builder(dependencies(Map.of("DYNAMODB_ENDPOINT", TestEnvironment.closedEndpoint())))
                .build();

        assertThatCode(() -> priming.beforeCheckpoint(null)).doesNotThrowAnyException();

        assertThat(priming.ranSteps()).containsExactly("dynamodb");
        assertThat(priming.failedSteps()).containsExactly("dynamodb");
    }

    @Test
    void afterRestore_completes_andReportsNoFailure() {
        Priming priming = Priming.builder(dependencies(Map.of())).build();

        assertThatCode(() -> priming.afterRestore(null)).doesNotThrowAnyException();

        assertThat(priming.ranSteps()).containsExactly("reseed");
        assertThat(priming.failedSteps()).isEmpty();
    }

    @Test
    void offlineDependencies_answerEveryCallInMemory() {
        try (Dependencies offline = Dependencies.offline(backends.environment())) {
            offline.store().put(Connection.open("offline", "room", "name", "user", Instant.now(), Optional.empty(),
                    Optional.empty()));
            assertThat(offline.store().roomMembers("room")).containsExactly(PrimingHttpClient.PEER_CONNECTION_ID);
            assertThat(offline.events().movedRooms("lobby", "room", new RoomMember("offline", "name", "user")))
                    .isTrue();
            assertThat(offline.broadcasters().forEndpoint(api.callbackUrl(), offline.log())
                    .send("offline", "{}")).isEqualTo(Delivery.DELIVERED);
        }

        assertThat(DynamoDbExtension.client().scan(b -> b.tableName(DYNAMO.connectionsTable())).count()).isZero();
        assertThat(sns.publishes()).isEmpty();
        assertThat(api.recipients()).isEmpty();
    }
}
