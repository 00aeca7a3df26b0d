package io.wschat.local.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class RouteSelectorTest {

    private final RouteSelector action = new RouteSelector("$request.body.action");

    @Test
    void selectsTheActionOfAJsonObject() {
        assertThat(action.select("{\"action\":\"sendmessage\",\"data\":\"hi\"}")).hasValue("sendmessage");
        assertThat(action.select("{\"action\":42}")).hasValue("42");
    }

    @Test
    void selectsNothing_forNonJsonNonObjectsMissingOrNonScalarActions() {
        assertThat(action.select("hello")).isEmpty();
        assertThat(action.select("{\"action\":")).isEmpty();
        assertThat(action.select("[\"action\"]")).isEmpty();
        assertThat(action.select("\"action\"")).isEmpty();
        assertThat(action.select("{\"type\":\"x\"}")).isEmpty();
        assertThat(action.select("{\"action\":{\"a\":1}}")).isEmpty();
        assertThat(action.select("{\"action\":null}")).isEmpty();
        assertThat(action.select("")).isEmpty();
    }

    @Test
    void followsDottedPaths_inBothExpressionForms() {
        assertThat(new RouteSelector("$request.body.meta.kind").select("{\"meta\":{\"kind\":\"ping\"}}"))
                .hasValue("ping");
        assertThat(new RouteSelector("${request.body.meta.kind}").select("{\"meta\":{\"kind\":\"ping\"}}"))
                .hasValue("ping");
    }

    @Test
    void rejectsExpressionsItCannotEvaluate() {
        assertThatThrownBy(() -> new RouteSelector("$request.header.x")).isInstanceOf(IllegalArgumentException.class);
    }
}
