package dev.warden.core.action;

import java.util.Locale;
import java.util.Objects;

/**
 * Who or what asked for an action.
 *
 * @param type a person, a runbook, or the model
 * @param id the person's chat user id, the runbook's name, or the model's name
 */
public record Requester(Type type, String id) {
  /** The kinds of requester. */
  public enum Type {
    PERSON,
    RUNBOOK,
    MODEL;

    private final String wireName = name().toLowerCase(Locale.ROOT);

    /** The lower-case name used in JSON and CEL ({@code person}). */
    public String wireName() {
      return wireName;
    }

    /**
     * The type of that wire name.
     *
     * @throws IllegalArgumentException naming the accepted values
     */
    public static Type fromWire(String name) {
      for (Type type : values()) {
        if (type.wireName().equals(name)) {
          return type;
        }
      }
      throw new IllegalArgumentException(
          "requester type must be person, runbook or model, not '" + name + "'");
    }
  }

  public Requester {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(id, "id");
    if (id.isBlank()) {
      throw new IllegalArgumentException("requester id must not be blank");
    }
  }

  public static Requester person(String userId) {
    return new Requester(Type.PERSON, userId);
  }

  public static Requester runbook(String name) {
    return new Requester(Type.RUNBOOK, name);
  }

  public static Requester model(String name) {
    return new Requester(Type.MODEL, name);
  }
}
