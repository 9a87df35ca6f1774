package dev.warden.app.intake;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Webhook intake settings ({@code warden.intake.*}).
 *
 * @param maxBodySize the largest request body accepted; larger ones get 413 without being read
 * @param noopEndpoint whether {@code POST /webhooks/noop} exists: it reads the body and answers
 *     202, doing nothing else. It is the floor the intake benchmark compares against; off unless
 *     benchmarking.
 */
@ConfigurationProperties("warden.intake")
public record IntakeProperties(
    @DefaultValue("1MB") DataSize maxBodySize, @DefaultValue("false") boolean noopEndpoint) {}
