package io.wschat.connect.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class AnonymousAuthenticatorTest {

    private final Authenticator authenticator = Authenticator.fromConfig(Map.of("AUTH_MODE", "none"));

    @Test
    void authenticate_takesNameAndUserIdFromNameParameter() throws Exception {
        Identity identity = authenticator.authenticate(Map.of("name", "alice", "room", "lobby"), Map.of());

        assertThat(identity).isEqualTo(new Identity("alice", "alice", true));
    }

    @Test
    void authenticate_passesNameThroughUnvalidated_forTheCallerToCheck() throws Exception {
        assertThat(authenticator.authenticate(Map.of("name", "<b>x</b>"), null).name()).isEqualTo("<b>x</b>");
        assertThat(authenticator.authenticate(null, null)).isEqualTo(new Identity(null, null, true));
    }

    @Test
    void authenticate_ignoresTokens_inAnonymousMode() throws Exception {
        String token = TestTokens.hs256(TestTokens.claims().build());

        Identity identity = authenticator.authenticate(Map.of("name", "bob", "token", token),
                Map.of("Authorization", "Bearer " + token));

        assertThat(identity.anonymous()).isTrue();
        assertThat(identity.userId()).isEqualTo("bob");
    }
}
