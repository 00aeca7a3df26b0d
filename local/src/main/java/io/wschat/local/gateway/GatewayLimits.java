package io.wschat.local.gateway;

import java.time.Duration;

/**
 * API Gateway's WebSocket quotas as the local gateway enforces them: 32 KB frames and 128 KB messages (close
 * 1009), 10 minutes idle and 2 hours per connection (close 1001 "Going away").
 */
public record GatewayLimits(int maxFrameBytes, int maxMessageBytes, Duration idleTimeout,
        Duration maxConnectionDuration) {

    public static final int FRAME_BYTES = 32 * 1024;
    public static final int MESSAGE_BYTES = 128 * 1024;

    public static GatewayLimits apiGateway() {
        return new GatewayLimits(FRAME_BYTES, MESSAGE_BYTES, Duration.ofMinutes(10), Duration.ofHours(2));
    }

    public GatewayLimits withIdleTimeout(Duration idle) {
        return new GatewayLimits(maxFrameBytes, maxMessageBytes, idle, maxConnectionDuration);
    }

    public GatewayLimits withMaxConnectionDuration(Duration max) {
        return new GatewayLimits(maxFrameBytes, maxMessageBytes, idleTimeout, max);
    }
}
