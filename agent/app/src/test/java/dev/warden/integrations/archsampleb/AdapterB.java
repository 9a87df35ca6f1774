package dev.warden.integrations.archsampleb;

import dev.warden.integrations.archsamplea.AdapterA;

/** Deliberately broken: the other half of {@link AdapterA}'s cycle. */
public class AdapterB {
  AdapterA other;
}
