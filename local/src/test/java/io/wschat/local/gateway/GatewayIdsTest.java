package io.wschat.local.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.SecureRandom;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class GatewayIdsTest {

    @Test
    void connectionIds_comeFromSecureRandom_inApiGatewaysShape() {
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < 1000; i++) {
            ids.add(GatewayIds.newId());
        }

        assertThat(GatewayIds.idSource()).isInstanceOf(SecureRandom.class);
        assertThat(ids).hasSize(1000).allMatch(id -> id.matches("[A-Za-z0-9_-]{15}="));
    }
}
