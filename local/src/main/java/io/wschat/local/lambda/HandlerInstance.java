package io.wschat.local.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import io.wschat.local.template.FunctionDefinition;
import io.wschat.shared.Dependencies;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
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

    /** Builds the handler through its {@code (Dependencies)} constructor from the function's environment. */
    static HandlerInstance create(FunctionDefinition function, Map<String, String> environment, String accessKeyId,
            ClassLoader classLoader) throws FunctionInitException {
        Class<?> type;
        try {
            type = Class.forName(function.handlerClass(), true, classLoader);
        } catch (ClassNotFoundException | LinkageError e) {
            throw new FunctionInitException("Class not found: " + function.handlerClass(), e);
        }
        Method method = handlerMethod(type, function);
        Constructor<?> constructor;
        try {
            constructor = type.getConstructor(Dependencies.class);
        } catch (NoSuchMethodException e) {
            throw new FunctionInitException(type.getName() + " has no public constructor taking "
                    + Dependencies.class.getName(), e);
        }
        Object dependencies;
        try {
            dependencies = Dependencies.from(environment);
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

    private static Method handlerMethod(Class<?> type, FunctionDefinition function) throws FunctionInitException {
        Method found = null;
        for (Method candidate : type.getMethods()) {
            if (candidate.getName().equals(function.handlerMethod()) && !candidate.isBridge()
                    && candidate.getParameterCount() == 2
                    && Context.class.isAssignableFrom(candidate.getParameterTypes()[1])) {
                found = candidate;
            }
        }
        if (found == null) {
            throw new FunctionInitException("no public method " + function.handlerMethod() + "(event, Context) in "
                    + type.getName(), null);
        }
        return found;
    }

    Class<?> eventType() {
        return method.getParameterTypes()[0];
    }

    @SuppressWarnings("unchecked")
    <T> Class<T> responseType() {
        return (Class<T>) method.getReturnType();
    }

    String accessKeyId() {
        return accessKeyId;
    }

    /** Runs the handler; a handler exception comes out as the {@link InvocationTargetException}'s cause. */
    Object invoke(Object event, Context context, FanOut fanOut) throws InvocationTargetException {
        current = fanOut;
        try {
            return method.invoke(handler, event, context);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Ends the invocation's attribution; calls that arrive later count for nobody. */
    void finish() {
        current = null;
    }

    FanOut current() {
        return current;
    }
}
