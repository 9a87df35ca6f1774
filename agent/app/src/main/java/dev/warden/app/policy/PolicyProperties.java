package dev.warden.app.policy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where the policies come from and who may never approve ({@code warden.policy.*}).
 *
 * @param dir the directory of the policy files ({@code *.yaml}), relative to where Warden runs
 * @param reloadInterval how often the policy files are checked for changes; a changed set that
 *     fails validation is reported and the previous one stays in force
 * @param wardenIdentities Warden's own chat user ids (its Slack bot user), which may never approve
 *     or deny a request
 */
@ConfigurationProperties("warden.policy")
public record PolicyProperties(
    @DefaultValue("policies") Path dir,
    @DefaultValue("5s") Duration reloadInterval,
    @DefaultValue Set<String> wardenIdentities) {}
