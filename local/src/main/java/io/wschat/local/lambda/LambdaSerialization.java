package io.wschat.local.lambda;

import com.amazonaws.services.lambda.runtime.serialization.PojoSerializer;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Turns event JSON into handler input and handler output into JSON with aws-lambda-java-serialization, the
 * library the Lambda Java runtime uses, so handlers see exactly what they would see in Lambda.
 */
public final class LambdaSerialization {

    private final ClassLoader classLoader;
    private final Map<Class<?>, PojoSerializer<?>> serializers = new ConcurrentHashMap<>();

    public LambdaSerialization(ClassLoader classLoader) {
        this.classLoader = classLoader;
    }

    public <T> T fromJson(String json, Class<T> type) {
        return serializer(type).fromJson(json);
    }

    public <T> String toJson(T value, Class<T> type) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        serializer(type).toJson(value, out);
        return out.toString(StandardCharsets.UTF_8);
    }

    @SuppressWarnings("unchecked")
    private <T> PojoSerializer<T> serializer(Class<T> type) {
        return (PojoSerializer<T>) serializers.computeIfAbsent(type,
                key -> LambdaEventSerializers.serializerFor(key, classLoader));
    }
}
