package io.wschat.shared;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketEvent;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.wschat.shared.testing.Fixtures;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import org.junit.jupiter.api.Test;

class FixturesTest {

    @Test
    void connect_hasHandshakeHeadersQueryAndIdentity() {
        APIGatewayV2WebSocketEvent event = Fixtures.event(Fixtures.CONNECT);

        assertThat(event.getHeaders()).containsKeys("Host", "Sec-WebSocket-Key", "Sec-WebSocket-Version",
                "X-Forwarded-For");
        assertThat(event.getQueryStringParameters()).containsEntry("room", "lobby").containsEntry("name", "alice");
        APIGatewayV2WebSocketEvent.RequestContext context = event.getRequestContext();
        assertThat(context.getRouteKey()).isEqualTo("$connect");
        assertThat(context.getEventType()).isEqualTo("CONNECT");
        assertThat(context.getConnectionId()).isNotBlank();
        assertThat(context.getConnectedAt()).isPositive();
        assertThat(context.getIdentity().getSourceIp()).isEqualTo("203.0.113.7");
        assertThat(context.getDomainName()).endsWith(".execute-api.us-east-1.amazonaws.com");
        assertThat(context.getStage()).isEqualTo("prod");
    }

    @Test
    void messageEvents_haveBodyAndMessageIdButNoHeaders() {
        for (String name : new String[] {Fixtures.SEND_MESSAGE, Fixtures.DEFAULT}) {
            APIGatewayV2WebSocketEvent event = Fixtures.event(name);

            assertThat(event.getHeaders()).isNull();
            assertThat(event.getBody()).startsWith("{\"action\":");
            assertThat(event.getRequestContext().getEventType()).isEqualTo("MESSAGE");
            assertThat(event.getRequestContext().getMessageId()).isNotBlank();
        }
        assertThat(Fixtures.event(Fixtures.DEFAULT).getRequestContext().getRouteKey()).isEqualTo("$default");
    }

    @Test
    void disconnect_carriesCloseStatusAndOnlyTheDisconnectHeaders() {
        JsonObject raw = JsonParser.parseString(Fixtures.json(Fixtures.DISCONNECT)).getAsJsonObject();
        APIGatewayV2WebSocketEvent event = Fixtures.event(Fixtures.DISCONNECT);

        assertThat(raw.getAsJsonObject("requestContext").get("disconnectStatusCode").getAsInt()).isEqualTo(1005);
        assertThat(event.getHeaders()).containsOnlyKeys("Host", "x-api-key", "X-Forwarded-For", "x-restapi");
        assertThat(event.getRequestContext().getEventType()).isEqualTo("DISCONNECT");
    }

    @Test
    void requestTime_usesApiGatewaysFormat_andMatchesRequestTimeEpoch() {
        DateTimeFormatter format = DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z", Locale.ENGLISH);
        for (String name : new String[] {Fixtures.CONNECT, Fixtures.SEND_MESSAGE, Fixtures.DEFAULT,
            Fixtures.DISCONNECT}) {
            APIGatewayV2WebSocketEvent.RequestContext context = Fixtures.event(name).getRequestContext();

            long seconds = LocalDateTime.parse(context.getRequestTime(), format).toEpochSecond(ZoneOffset.UTC);

            assertThat(seconds).isEqualTo(context.getRequestTimeEpoch() / 1000);
        }
    }
}
