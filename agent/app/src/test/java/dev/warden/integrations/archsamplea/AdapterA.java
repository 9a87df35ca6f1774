package dev.warden.integrations.archsamplea;

import dev.warden.integrations.archsampleb.AdapterB;

/** Deliberately broken: an adapter using another (and a cycle). Only ArchitectureTest reads it. */
public class AdapterA {
  AdapterB other;
}
