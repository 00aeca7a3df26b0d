package io.wschat.message;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketResponse;
import io.wschat.shared.Broadcaster;
import io.wschat.shared.ChatConfig;
import io.wschat.shared.ChatProtocol;
import io.wschat.shared.ChatRequest;
import io.wschat.shared.ConfigurationException;
import io.wschat.shared.ConnectionStore;
import io.wschat.shared.Dependencies;
import io.wschat.shared.Log;
import io.wschat.shared.Names;
import io.wschat.shared.Priming;
import io.wschat.shared.WebSocketHandler;
import java.util.List;
import java.util.Map;

/**
 * Lambda handler for {@code sendmessage}, the other chat actions and {@code $default}.
 *
 * <p>Always answers 200 once the frame is handled, including rejected frames (the sender gets an error frame through
 * the management API), so API Gateway never sends a generic error of its own.
 */
public class MessageHandler extends WebSocketHandler {

    private final MessageRouter router;

    /** For the Lambda runtime: configuration from the process environment, and SnapStart priming registered. */
    public MessageHandler() {
        this(Dependencies.fromEnvironment());
        registerPriming();
    }

    public MessageHandler(Dependencies dependencies) {
        super(dependencies);
        ChatConfig config = dependencies.config();
        ChatProtocol protocol = dependencies.protocol();
        ConnectionStore store = dependencies.store();
        RoomChange rooms = new RoomChange(protocol, store, dependencies.notices(), dependencies.events(),
                dependencies.limits(), dependencies.metrics(), config);
        MessageReads reads = new MessageReads(protocol, dependencies.messages(), store, dependencies.sideWork(),
                config.historyTtl(), dependencies.clock());
        MessageChanges changes = new MessageChanges(protocol, store, dependencies.messages(), dependencies.events(),
                dependencies.clock());
        this.router = new MessageRouter(protocol, store, dependencies.limits(), dependencies.metrics(), config,
                dependencies.clock(),
                new MessageRouter.Routes()
                        .on(ChatRequest.SendMessage.class, new SendMessageAction(protocol, store,
                                dependencies.messages(), dependencies.events(), config.historyTtl(),
                                dependencies.sideWork()))
                        .on(ChatRequest.Join.class, (request, sender, caller) ->
                                rooms.move(sender, request.room(), caller))
                        .on(ChatRequest.Leave.class, (request, sender, caller) ->
                                rooms.move(sender, Names.DEFAULT_ROOM, caller))
                        .on(ChatRequest.Whisper.class, new WhisperAction(protocol, store, dependencies.events()))
                        .on(ChatRequest.History.class, reads::history)
                        .on(ChatRequest.Resume.class, reads::resume)
                        .on(ChatRequest.Read.class, reads::read)
                        .on(ChatRequest.Who.class, new WhoAction(protocol, store))
                        .on(ChatRequest.Rename.class, new RenameAction(protocol, store, dependencies.notices(),
                                dependencies.events()))
                        .on(ChatRequest.Edit.class, changes::edit)
                        .on(ChatRequest.Delete.class, changes::delete)
                        .on(ChatRequest.Typing.class, new TypingAction(protocol, store, dependencies.notices(),
                                dependencies.clock())));
        primedBy(Priming.builder(dependencies)
                .handler(MessageHandler::new, Map.of(), List.of(
                        Priming.event("sendmessage", "MESSAGE", "{\"action\":\"sendmessage\",\"data\":\"hi\"}",
                                null),
                        Priming.event("history", "MESSAGE", "{\"action\":\"history\"}", null),
                        Priming.event("who", "MESSAGE", "{\"action\":\"who\"}", null)))
                .build());
    }

    @Override
    public APIGatewayV2WebSocketResponse handle(APIGatewayV2WebSocketEvent event, Context context) {
        APIGatewayV2WebSocketEvent.RequestContext request = event.getRequestContext();
        Log log = requestLog(request);
        Broadcaster broadcaster;
        try {
            broadcaster = dependencies.broadcaster(request, log, context);
        } catch (ConfigurationException e) {
            log.error("no management endpoint", e);
            return response(500);
        }
        dependencies.metrics().action(request.getRouteKey());
        router.route(event.getBody(), new Caller(request.getConnectionId(), broadcaster, dependencies.protocol(), log));
        return response(200);
    }
}
