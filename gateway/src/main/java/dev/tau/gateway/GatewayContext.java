package dev.tau.gateway;

import dev.tau.gateway.auth.Authenticator;
import dev.tau.gateway.auth.RateLimiter;
import dev.tau.gateway.service.GatewayStateFile;
import dev.tau.gateway.status.MultiChannelSources;

/**
 * What every feature's routes may use: the settings, the services, auth and the state file.
 *
 * @param drain the in-flight tracker, so long streams can end early when the server drains
 * @param multiChannel where the multi-channel status is read from
 */
public record GatewayContext(
    GatewayConfig config,
    GatewayServices services,
    Authenticator authenticator,
    RateLimiter rateLimiter,
    GatewayStateFile stateFile,
    Drain drain,
    MultiChannelSources multiChannel) {}
