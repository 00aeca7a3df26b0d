package io.wschat.sns;

import java.util.Map;

/** Writes the XML responses of the SNS Query API, namespace and request id included. */
final class QueryXml {

    static final String NAMESPACE = "https://sns.amazonaws.com/doc/2010-03-31/";

    private final StringBuilder xml = new StringBuilder();

    private QueryXml() {}

    /** Starts {@code <ActionResponse><ActionResult>}. */
    static QueryXml result(String action) {
        QueryXml writer = new QueryXml();
        writer.xml.append("<").append(action).append("Response xmlns=\"").append(NAMESPACE).append("\">");
        writer.open(action + "Result");
        return writer;
    }

    /** A response with no result element, as {@code Unsubscribe} and {@code DeleteTopic} return. */
    static String empty(String action, String requestId) {
        return "<" + action + "Response xmlns=\"" + NAMESPACE + "\">" + metadata(requestId) + "</" + action
                + "Response>";
    }

    static String error(SnsErrorException error, String requestId) {
        QueryXml writer = new QueryXml();
        writer.xml.append("<ErrorResponse xmlns=\"").append(NAMESPACE).append("\">");
        writer.open("Error").leaf("Type", error.type()).leaf("Code", error.code()).leaf("Message", error.getMessage())
                .close("Error");
        writer.leaf("RequestId", requestId);
        return writer.xml.append("</ErrorResponse>").toString();
    }

    QueryXml open(String name) {
        xml.append('<').append(name).append('>');
        return this;
    }

    QueryXml close(String name) {
        xml.append("</").append(name).append('>');
        return this;
    }

    QueryXml leaf(String name, String text) {
        return open(name).text(text).close(name);
    }

    /** A Query map: {@code <name><entry><key/><value/></entry>...</name>}. */
    QueryXml map(String name, Map<String, String> entries) {
        open(name);
        entries.forEach((key, value) -> open("entry").leaf("key", key).leaf("value", value).close("entry"));
        return close(name);
    }

    String finish(String action, String requestId) {
        close(action + "Result");
        return xml.append(metadata(requestId)).append("</").append(action).append("Response>").toString();
    }

    private QueryXml text(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '<' -> xml.append("&lt;");
                case '>' -> xml.append("&gt;");
                case '&' -> xml.append("&amp;");
                case '"' -> xml.append("&quot;");
                case '\'' -> xml.append("&apos;");
                case '\r' -> xml.append("&#13;");
                default -> xml.append(c);
            }
        }
        return this;
    }

    private static String metadata(String requestId) {
        return "<ResponseMetadata><RequestId>" + requestId + "</RequestId></ResponseMetadata>";
    }
}
