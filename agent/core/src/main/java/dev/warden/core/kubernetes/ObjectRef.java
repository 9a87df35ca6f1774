package dev.warden.core.kubernetes;

import java.util.Objects;
import java.util.Optional;

/**
 * Names one Kubernetes object.
 *
 * @param apiVersion {@code v1}, {@code apps/v1}, {@code batch/v1}
 * @param kind {@code Pod}, {@code Deployment}, {@code Node}
 * @param namespace empty for cluster-scoped objects
 * @param name the object's name
 */
public record ObjectRef(String apiVersion, String kind, Optional<String> namespace, String name) {
  public ObjectRef {
    Objects.requireNonNull(apiVersion, "apiVersion");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(namespace, "namespace");
    Objects.requireNonNull(name, "name");
  }

  @Override
  public String toString() {
    return kind + " " + namespace.map(ns -> ns + "/").orElse("") + name;
  }
}
