package io.wschat.sns;

import io.wschat.local.access.AllowedOrigins;
import java.io.IOException;
import java.io.InputStream;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * Serves the SNS Query API with XML answers, and the event feed under {@code /events}. Actions come only as a
 * form-encoded POST, as the SDK and CLI send them; GET runs only the SubscribeURL and UnsubscribeURL links the
 * stand-in sends, each with its token. So a web page cannot act through an image or a link, and a form another
 * site posts carries that site's {@code Origin}, which is refused.
 */
final class QueryApiHandler extends Handler.Abstract {

    private static final System.Logger LOG = System.getLogger(QueryApiHandler.class.getName());
    /** A 256 KB message percent-encoded can triple in size; leave room for attributes. */
    private static final int MAX_BODY_BYTES = 2 * 1024 * 1024;
    private static final int PAGE_SIZE = 100;

    private final SnsService service;
    private final EventFeed feed;
    private final Supplier<Faults> faults;
    private final AllowedOrigins origins;

    QueryApiHandler(SnsService service, EventFeed feed, Supplier<Faults> faults, AllowedOrigins origins) {
        this.service = service;
        this.feed = feed;
        this.faults = faults;
        this.origins = origins;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        String path = Request.getPathInContext(request);
        boolean get = HttpMethod.GET.is(request.getMethod());
        if (get && path.equals("/events")) {
            feed.writePage(response, callback);
            return true;
        }
        if (get && path.equals("/events.json")) {
            feed.writeRecent(response, callback);
            return true;
        }
        if (get && path.equals("/events/stream")) {
            feed.stream(response, callback);
            return true;
        }
        if (!path.equals("/")) {
            return false;
        }
        String requestId = UUID.randomUUID().toString();
        try {
            if (!origins.allows(request.getHeaders().get(HttpHeader.ORIGIN))) {
                throw new SnsErrorException(403, "AuthorizationError",
                        "Requests from web pages of other origins are refused by the local SNS stand-in");
            }
            if (request.getHeaders().contains("X-Amz-Target")) {
                throw new SnsErrorException(400, "InvalidAction",
                        "The local SNS stand-in speaks the AWS Query protocol only, as the SNS API does");
            }
            QueryParameters parameters = parameters(request, get);
            if (get && parameters.isEmpty()) {
                response.getHeaders().put(HttpHeader.CONTENT_TYPE, "text/plain; charset=utf-8");
                Content.Sink.write(response, true, "SNS stand-in. Watch events at /events, /events.json or "
                        + "/events/stream (curl -N).\n", callback);
                return true;
            }
            String xml = get ? link(parameters, requestId) : dispatch(parameters, requestId);
            respond(response, callback, 200, xml);
        } catch (SnsErrorException e) {
            LOG.log(Level.DEBUG, "sns request failed code={0} message={1}", e.code(), e.getMessage());
            drain(request);
            respond(response, callback, e.status(), QueryXml.error(e, requestId));
        }
        return true;
    }

    /**
     * Reads what is left of a refused request's body, so the connection stays usable for the client's next request
     * (a refusal before the body was read would otherwise leave it for a keep-alive client to trip over).
     */
    private static void drain(Request request) {
        try {
            Content.Source.consumeAll(request);
        } catch (java.io.IOException e) {
            LOG.log(Level.DEBUG, "sns could not read the rest of a refused request: {0}", e.toString());
        }
    }

    /** A POST's form body, or a GET's query string; nothing else carries parameters. */
    private static QueryParameters parameters(Request request, boolean get) {
        String query = request.getHttpURI().getQuery();
        if (get) {
            return QueryParameters.parse(query, null);
        }
        if (!HttpMethod.POST.is(request.getMethod())) {
            throw new SnsErrorException(405, "InvalidAction", "The local SNS stand-in takes actions by POST only");
        }
        if (query != null && !query.isEmpty()) {
            throw new SnsErrorException(400, "InvalidParameter",
                    "Invalid parameter: parameters go in the form body of the POST, not in the URL");
        }
        String body = formBody(request);
        if (body == null) {
            throw new SnsErrorException(400, "InvalidParameter", "Invalid parameter: the local SNS stand-in takes "
                    + "actions as a form body (Content-Type: application/x-www-form-urlencoded)");
        }
        return QueryParameters.parse(null, body);
    }

    /** The two links the stand-in hands out, exactly as it builds them; any other GET action is refused. */
    private String link(QueryParameters parameters, String requestId) {
        String action = parameters.get("Action");
        if ("ConfirmSubscription".equals(action)
                && parameters.names().equals(Set.of("Action", "TopicArn", "Token"))) {
            return QueryXml.result(action)
                    .leaf("SubscriptionArn", service.confirmSubscription(
                            parameters.get("TopicArn"), parameters.get("Token")).arn())
                    .finish(action, requestId);
        }
        if ("Unsubscribe".equals(action) && parameters.names().equals(Set.of("Action", "SubscriptionArn", "Token"))) {
            service.unsubscribe(parameters.get("SubscriptionArn"), parameters.get("Token"));
            return QueryXml.empty(action, requestId);
        }
        throw new SnsErrorException(405, "InvalidAction", "The local SNS stand-in takes actions by POST with a form "
                + "body; GET serves only the SubscribeURL and UnsubscribeURL links it sends");
    }

    private String dispatch(QueryParameters parameters, String requestId) {
        String action = parameters.get("Action");
        if (action == null || action.isEmpty()) {
            throw new SnsErrorException(400, "MissingAction", "Missing Action");
        }
        Optional<String> topicArn = parameters.optional("TopicArn").or(() -> parameters.optional("TargetArn"));
        Optional<SnsFault> fault = faults.get().onRequest(action, topicArn);
        if (fault.isPresent()) {
            throw SnsErrorException.fault(fault.get());
        }
        switch (action) {
            case "CreateTopic":
                return QueryXml.result(action)
                        .leaf("TopicArn", service.createTopic(parameters.get("Name")))
                        .finish(action, requestId);
            case "DeleteTopic":
                service.deleteTopic(parameters.get("TopicArn"));
                return QueryXml.empty(action, requestId);
            case "ListTopics":
                return listTopics(parameters, requestId);
            case "GetTopicAttributes":
                return QueryXml.result(action)
                        .map("Attributes", service.topicAttributes(parameters.get("TopicArn")))
                        .finish(action, requestId);
            case "Subscribe":
                return subscribe(parameters, requestId);
            case "ConfirmSubscription":
                return QueryXml.result(action)
                        .leaf("SubscriptionArn", service.confirmSubscription(
                                parameters.get("TopicArn"), parameters.get("Token")).arn())
                        .finish(action, requestId);
            case "Unsubscribe":
                service.unsubscribe(parameters.get("SubscriptionArn"));
                return QueryXml.empty(action, requestId);
            case "ListSubscriptions":
                return listSubscriptions(action, service.subscriptions(), parameters, requestId);
            case "ListSubscriptionsByTopic":
                return listSubscriptions(action, service.subscriptionsByTopic(parameters.get("TopicArn")),
                        parameters, requestId);
            case "GetSubscriptionAttributes":
                return QueryXml.result(action)
                        .map("Attributes", service.subscription(parameters.get("SubscriptionArn")).attributes())
                        .finish(action, requestId);
            case "SetSubscriptionAttributes":
                setSubscriptionAttribute(parameters);
                return QueryXml.empty(action, requestId);
            case "Publish":
                return publish(parameters, requestId);
            case "PublishBatch":
                return publishBatch(parameters, requestId);
            default:
                throw new SnsErrorException(400, "InvalidAction",
                        "The action " + action + " is not valid for this web service.");
        }
    }

    private String listTopics(QueryParameters parameters, String requestId) {
        List<String> arns = service.topicArns();
        int from = pageStart(parameters);
        QueryXml xml = QueryXml.result("ListTopics").open("Topics");
        arns.subList(Math.min(from, arns.size()), Math.min(from + PAGE_SIZE, arns.size()))
                .forEach(arn -> xml.open("member").leaf("TopicArn", arn).close("member"));
        xml.close("Topics");
        if (from + PAGE_SIZE < arns.size()) {
            xml.leaf("NextToken", Integer.toString(from + PAGE_SIZE));
        }
        return xml.finish("ListTopics", requestId);
    }

    private String listSubscriptions(String action, List<Subscription> subscriptions, QueryParameters parameters,
            String requestId) {
        int from = pageStart(parameters);
        QueryXml xml = QueryXml.result(action).open("Subscriptions");
        for (Subscription s : subscriptions.subList(Math.min(from, subscriptions.size()),
                Math.min(from + PAGE_SIZE, subscriptions.size()))) {
            xml.open("member")
                    .leaf("TopicArn", s.topicArn())
                    .leaf("Protocol", s.protocol())
                    .leaf("SubscriptionArn", s.listedArn())
                    .leaf("Owner", s.owner())
                    .leaf("Endpoint", s.endpoint().toString())
                    .close("member");
        }
        xml.close("Subscriptions");
        if (from + PAGE_SIZE < subscriptions.size()) {
            xml.leaf("NextToken", Integer.toString(from + PAGE_SIZE));
        }
        return xml.finish(action, requestId);
    }

    private String subscribe(QueryParameters parameters, String requestId) {
        Map<String, String> attributes = new LinkedHashMap<>();
        parameters.entries("Attributes.entry").values().forEach(entry -> {
            String key = entry.get("key");
            if (key == null || entry.get("value") == null) {
                throw SnsErrorException.invalidParameter("Attributes");
            }
            attributes.put(key, entry.get("value"));
        });
        Subscription subscription = service.subscribe(parameters.get("TopicArn"), parameters.get("Protocol"),
                parameters.get("Endpoint"), attributes);
        boolean returnArn = Boolean.parseBoolean(parameters.optional("ReturnSubscriptionArn").orElse("false"));
        String arn = subscription.confirmed() || returnArn ? subscription.arn() : "pending confirmation";
        return QueryXml.result("Subscribe").leaf("SubscriptionArn", arn).finish("Subscribe", requestId);
    }

    private void setSubscriptionAttribute(QueryParameters parameters) {
        Subscription subscription = service.subscription(parameters.get("SubscriptionArn"));
        String name = parameters.get("AttributeName");
        if (name == null || name.isEmpty()) {
            throw SnsErrorException.invalidParameter("AttributeName");
        }
        subscription.setAttribute(name, parameters.optional("AttributeValue").orElse(""));
    }

    private String publish(QueryParameters parameters, String requestId) {
        if (parameters.get("PhoneNumber") != null) {
            throw SnsErrorException.invalidParameter("PhoneNumber Reason: the local SNS stand-in does not send SMS");
        }
        String topicArn = parameters.optional("TopicArn").orElse(parameters.get("TargetArn"));
        if (topicArn == null) {
            throw SnsErrorException.invalidParameter("TopicArn or TargetArn Reason: no value for required parameter");
        }
        PublishedMessage published = service.publish(topicArn, parameters.optional("Subject"),
                parameters.get("Message"), parameters.optional("MessageStructure"),
                messageAttributes(parameters.entries("MessageAttributes.entry")));
        return QueryXml.result("Publish").leaf("MessageId", published.messageId()).finish("Publish", requestId);
    }

    private String publishBatch(QueryParameters parameters, String requestId) {
        String topicArn = parameters.get("TopicArn");
        if (topicArn == null) {
            throw SnsErrorException.invalidParameter("TopicArn Reason: no value for required parameter");
        }
        List<SnsService.BatchEntry> entries = new ArrayList<>();
        for (Map<String, String> entry : parameters.entries("PublishBatchRequestEntries.member").values()) {
            entries.add(new SnsService.BatchEntry(entry.get("Id"), Optional.ofNullable(entry.get("Subject")),
                    entry.get("Message"), Optional.ofNullable(entry.get("MessageStructure")),
                    messageAttributes(QueryParameters.entries(entry, "MessageAttributes.entry"))));
        }
        SnsService.BatchResult result = service.publishBatch(topicArn, entries);
        QueryXml xml = QueryXml.result("PublishBatch").open("Successful");
        result.successful().forEach((id, messageId) ->
                xml.open("member").leaf("Id", id).leaf("MessageId", messageId).close("member"));
        xml.close("Successful").open("Failed");
        result.failed().forEach((id, error) -> xml.open("member").leaf("Id", id).leaf("Code", error.code())
                .leaf("Message", error.getMessage()).leaf("SenderFault", Boolean.toString(error.status() < 500))
                .close("member"));
        return xml.close("Failed").finish("PublishBatch", requestId);
    }

    /** The message attributes of a {@code Publish}, or of one {@code PublishBatch} entry, by name. */
    private static Map<String, MessageAttribute> messageAttributes(Map<Integer, Map<String, String>> entries) {
        Map<String, MessageAttribute> attributes = new LinkedHashMap<>();
        entries.values().forEach(entry -> {
            String name = entry.get("Name");
            if (name == null) {
                throw SnsErrorException.invalidParameterValue("The message attribute name must not be empty.");
            }
            String dataType = entry.getOrDefault("Value.DataType", "");
            String value = dataType.startsWith("Binary")
                    ? entry.getOrDefault("Value.BinaryValue", "")
                    : entry.getOrDefault("Value.StringValue", "");
            attributes.put(name, new MessageAttribute(dataType, value));
        });
        return attributes;
    }

    private static int pageStart(QueryParameters parameters) {
        String token = parameters.get("NextToken");
        if (token == null || token.isEmpty()) {
            return 0;
        }
        try {
            int from = Integer.parseInt(token);
            if (from < 0) {
                throw new NumberFormatException(token);
            }
            return from;
        } catch (NumberFormatException e) {
            throw SnsErrorException.invalidParameter("NextToken");
        }
    }

    private static String formBody(Request request) {
        String contentType = request.getHeaders().get(HttpHeader.CONTENT_TYPE);
        boolean form = contentType != null
                && contentType.toLowerCase(Locale.ROOT).startsWith("application/x-www-form-urlencoded");
        if (!form) {
            return null;
        }
        try (InputStream in = Content.Source.asInputStream(request)) {
            byte[] body = in.readNBytes(MAX_BODY_BYTES + 1);
            if (body.length > MAX_BODY_BYTES) {
                throw SnsErrorException.invalidParameter("Request too large");
            }
            return new String(body, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw SnsErrorException.invalidParameter("Request body unreadable");
        }
    }

    private static void respond(Response response, Callback callback, int status, String xml) {
        response.setStatus(status);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "text/xml");
        Content.Sink.write(response, true, xml, callback);
    }
}
