package dev.warden.app.httpcheck;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * What {@code http.check} steps may reach ({@code warden.http-check.*}); see {@link
 * dev.warden.integrations.http.HttpCheckSettings} for each setting. Nothing is allowed by default.
 */
@ConfigurationProperties("warden.http-check")
public record HttpCheckProperties(
    @DefaultValue List<String> allowedHosts,
    @DefaultValue("https") Set<String> allowedSchemes,
    @DefaultValue("5s") Duration connectTimeout,
    @DefaultValue("10s") Duration requestTimeout,
    @DefaultValue("65536") int maxBodyBytes,
    @DefaultValue("3") int maxRedirects) {}
