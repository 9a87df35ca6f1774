package dev.warden.core.archsample;

import org.kohsuke.github.GHPullRequest;

/** Deliberately broken: a core class holding a GitHub type. Only ArchitectureTest reads it. */
public class LeakyCore {
  GHPullRequest pullRequest;
}
