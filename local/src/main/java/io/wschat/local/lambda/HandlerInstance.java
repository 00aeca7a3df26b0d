package io.wschat.local.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import io.wschat.local.template.FunctionDefinition;
import io.wschat.shared.Dependencies;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * One initialised handler object, like one Lambda execution environment: it serves one invocation at a time
 * and holds its own credentials, which is how management API calls are traced back to the invocation.
 */
final class HandlerInstance {

    private final Object handler;
    private final Object dependencies;
    private final Method method;
    private final String accessKeyId;
    private volatile FanOut current;

    private HandlerInstance(Object handler, Object dependencies, Method method, String accessKeyId) {
        this.handler = handler;
        this.dependencies = dependencies;
        this.method = method;
        this.accessKeyId = accessKeyId;
    }

    /**
     * Builds the handler through its {@code (Dependencies)} constructor from the function's environment, with its logs
     * and metrics written to {@code stdout} (the function's standard output, as in Lambda).
     */
    static HandlerInstance create(FunctionDefinition function, Map<String, String> environment, String accessKeyId,
            ClassLoader classLoader, PrintStream stdout) throws FunctionInitException {
        Class<?> type;
        try {
            type = Class.forName(function.handlerClass(), true, classLoader);
        } catch (ClassNotFoundException | LinkageError e) {
            throw new FunctionInitException("Class not found: " + function.handlerClass(), e);
        }
        Method method = handlerMethod(type, function.handlerMethod());
        Constructor<?> constructor;
        try {
            constructor = type.getConstructor(Dependencies.class);
        } catch (NoSuchMethodException e) {
            throw new FunctionInitException(type.getName() + " has no public constructor taking "
                    + Dependencies.class.getName(), e);
        }
        Object dependencies;
        try {
            dependencies = Dependencies.from(environment, stdout);
        } catch (RuntimeException e) {
            throw new FunctionInitException("Dependencies.from(environment) failed: " + e.getMessage(), e);
        }
        try {
            return new HandlerInstance(constructor.newInstance(dependencies), dependencies, method, accessKeyId);
        } catch (InvocationTargetException e) {
            release(dependencies);
            throw new FunctionInitException(type.getSimpleName() + " failed to initialise: " + e.getCause(),
                    e.getCause());
        } catch (ReflectiveOperationException e) {
            release(dependencies);
            throw new FunctionInitException("cannot instantiate " + type.getName() + ": " + e, e);
        }
    }

    /** Releases what the instance's Dependencies hold (SDK clients, fan-out threads), when they can be closed. */
    void close() {
        release(dependencies);
    }

    private static void release(Object dependencies) {
        if (dependencies instanceof AutoCloseable closeable) {
            try {
                closeable.close();
            } catch (Exception e) {
                System.err.println("closing " + dependencies.getClass().getSimpleName() + " failed: " + e);
            }
        }
    }

    /**
     * The method the Lambda Java runtime calls for {@code Class::name}, chosen the same way whatever order reflection
     * lists the methods in: when the class implements {@link RequestHandler} and {@code name} is
     * {@code handleRequest}, that interface's {@code handleRequest(Input, Context)}; otherwise, of the public methods
     * so named and of a shape the runtime accepts, the one with the most parameters, where a last parameter of type
     * {@link Context} counts as one more (the runtime's rule), bridge methods last. Two overloads that rank the same
     * are refused: the runtime's pick between them depends on reflection order.
     */
    static Method handlerMethod(Class<?> type, String name) throws FunctionInitException {
        Method implemented = requestHandlerMethod(type, name);
        if (implemented != null) {
            return implemented;
        }
        List<Method> candidates = new ArrayList<>();
        for (Method candidate : type.getMethods()) {
            if (candidate.getName().equals(name) && acceptedByTheRuntime(candidate)) {
                candidates.add(candidate);
            }
        }
        if (candidates.isEmpty()) {
            throw new FunctionInitException("no public method " + name + " with a handler signature in "
                    + type.getName(), null);
        }
        candidates.sort(Comparator.comparing(Method::isBridge).thenComparing(HandlerInstance::weight,
                Comparator.reverseOrder()));
        Method best = candidates.get(0);
        List<Method> tied = candidates.stream()
                .filter(m -> m.isBridge() == best.isBridge() && weight(m) == weight(best)).toList();
        if (tied.size() > 1) {
            throw new FunctionInitException("overloads of " + name + " in " + type.getName()
                    + " rank the same for the Lambda runtime, which then picks by reflection order: " + tied, null);
        }
        return best;
    }

    /**
     * The {@code handleRequest(InputStream, OutputStream, Context)} of {@link RequestStreamHandler}, or the non-bridge
     * {@code handleRequest(Input, Context)} of {@link RequestHandler}, when the class implements one; or null.
     */
    private static Method requestHandlerMethod(Class<?> type, String name) {
        if (!name.equals("handleRequest")) {
            return null;
        }
        if (RequestStreamHandler.class.isAssignableFrom(type)) {
            try {
                return type.getMethod(name, InputStream.class, OutputStream.class, Context.class);
            } catch (NoSuchMethodException e) {
                throw new IllegalStateException(type + " implements RequestStreamHandler without its method", e);
            }
        }
        if (!RequestHandler.class.isAssignableFrom(type)) {
            return null;
        }
        Class<?> input = requestHandlerInput(type);
        if (input == null) {
            return null;
        }
        try {
            Method method = type.getMethod(name, input, Context.class);
            return method.isBridge() ? null : method;
        } catch (NoSuchMethodException e) {
            return null;
        }
    }

    /** The class given as {@code RequestHandler}'s input type on {@code type} or a supertype, or null. */
    private static Class<?> requestHandlerInput(Class<?> type) {
        for (Class<?> current = type; current != null; current = current.getSuperclass()) {
            for (Type implemented : current.getGenericInterfaces()) {
                if (implemented instanceof ParameterizedType parameterized
                        && parameterized.getRawType() == RequestHandler.class
                        && parameterized.getActualTypeArguments()[0] instanceof Class<?> input) {
                    return input;
                }
            }
        }
        return null;
    }

    /** The shapes the runtime accepts: (), (Context), (Input), (Input, Context) and the stream ones. */
    private static boolean acceptedByTheRuntime(Method method) {
        Class<?>[] p = method.getParameterTypes();
        return switch (p.length) {
            case 0, 1 -> true;
            case 2 -> {
                if (p[0] == InputStream.class) {
                    yield p[1] == OutputStream.class || p[1] == Context.class;
                }
                yield p[0] != Context.class && p[1] == Context.class;
            }
            case 3 -> p[0] == InputStream.class && p[1] == OutputStream.class && p[2] == Context.class;
            default -> false;
        };
    }

    /** The runtime's rank: the number of parameters, one more when the last is a {@link Context}. */
    private static int weight(Method method) {
        Class<?>[] p = method.getParameterTypes();
        return p.length + (p.length > 0 && p[p.length - 1] == Context.class ? 1 : 0);
    }

    String accessKeyId() {
        return accessKeyId;
    }

    /**
     * Runs the handler on the event's JSON, as the Lambda Java runtime would: a stream handler reads the JSON and
     * writes its response; any other gets the event deserialised to its input type (only when it takes one) and
     * has its return value serialised. Returns the response's JSON, or null when the handler gives none. A handler
     * exception comes out as the {@link InvocationTargetException}'s cause.
     */
    String invoke(String eventJson, LambdaSerialization serialization, Context context, FanOut fanOut)
            throws InvocationTargetException {
        current = fanOut;
        Class<?>[] parameters = method.getParameterTypes();
        Object[] arguments = new Object[parameters.length];
        ByteArrayOutputStream output = null;
        for (int i = 0; i < parameters.length; i++) {
            if (parameters[i] == InputStream.class) {
                arguments[i] = new ByteArrayInputStream(eventJson.getBytes(StandardCharsets.UTF_8));
            } else if (parameters[i] == OutputStream.class) {
                output = new ByteArrayOutputStream();
                arguments[i] = output;
            } else if (parameters[i] == Context.class && i == parameters.length - 1) {
                arguments[i] = context;
            } else {
                arguments[i] = serialization.fromJson(eventJson, parameters[i]);
            }
        }
        Object returned;
        try {
            returned = method.invoke(handler, arguments);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
        if (output != null) {
            return output.size() == 0 ? null : output.toString(StandardCharsets.UTF_8);
        }
        return returned == null ? null : toJson(serialization, returned);
    }

    @SuppressWarnings("unchecked")
    private <T> String toJson(LambdaSerialization serialization, Object returned) {
        return serialization.toJson((T) returned, (Class<T>) method.getReturnType());
    }

    /** Ends the invocation's attribution; calls that arrive later count for nobody. */
    void finish() {
        current = null;
    }

    FanOut current() {
        return current;
    }
}
