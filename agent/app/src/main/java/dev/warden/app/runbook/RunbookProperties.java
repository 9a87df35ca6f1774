package dev.warden.app.runbook;

import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where the runbooks come from and how runs pace themselves ({@code warden.runbooks.*}).
 *
 * @param dir the directory of the runbook files ({@code *.yaml}, {@code *.yml}), relative to where
 *     Warden runs
 * @param reloadInterval how often the runbook files are checked for changes; a changed set that
 *     fails validation is reported and the previous one stays in force
 * @param waitInterval how often a {@code wait.until} step checks its condition again until it holds
 *     or the step's timeout is up
 * @param inFlightGrace how long an approved step may take to report its result before its run takes
 *     the execution for cut off (Warden stopped) and reconciles it with the cluster; longer than
 *     any one Kubernetes call
 * @param startOnAlert whether a firing alert from the intake starts the runbooks that match it
 *     (each step still as the policy allows); off, runbooks run only when a person starts them
 */
@ConfigurationProperties("warden.runbooks")
public record RunbookProperties(
    @DefaultValue("runbooks") Path dir,
    @DefaultValue("5s") Duration reloadInterval,
    @DefaultValue("10s") Duration waitInterval,
    @DefaultValue("2m") Duration inFlightGrace,
    @DefaultValue("true") boolean startOnAlert) {}
