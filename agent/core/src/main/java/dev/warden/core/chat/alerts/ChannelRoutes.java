package dev.warden.core.chat.alerts;

import dev.warden.core.runbook.LabelMatcher;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Which channel an alert group is posted in: the first route whose matchers all match the group's
 * labels, else the default channel, else none (nothing is posted).
 *
 * <p>A route's matchers are label name to value, as configuration gives them ({@code
 * warden.slack.routes[0].match.namespace=payments}): a value is matched exactly, and a value that
 * starts with {@code ~} is a regular expression the whole label value must match ({@code
 * ~prod-.*}). A label the group lacks never matches.
 */
public final class ChannelRoutes {
  private final List<Compiled> routes;
  private final Optional<String> defaultChannel;

  /**
   * One route, as configuration binds it.
   *
   * @param channel the channel id (or name) the route posts to
   * @param match label name to value ({@code payments}) or, after {@code ~}, a regular expression
   *     ({@code ~prod-.*})
   */
  public record Route(String channel, Map<String, String> match) {
    public Route {
      match = match == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(match));
    }
  }

  private record Compiled(String channel, Map<String, LabelMatcher> matchers) {
    boolean matches(Map<String, String> labels) {
      return matchers.entrySet().stream()
          .allMatch(entry -> entry.getValue().matches(labels.get(entry.getKey())));
    }
  }

  /**
   * @param defaultChannel where groups no route matches go; blank or null for nowhere
   * @param routes tried in order
   * @throws IllegalArgumentException naming the route ({@code routes[1]}) that has no channel, no
   *     matcher or a regular expression that does not compile
   */
  public ChannelRoutes(String defaultChannel, List<Route> routes) {
    this.defaultChannel =
        defaultChannel == null || defaultChannel.isBlank()
            ? Optional.empty()
            : Optional.of(defaultChannel.trim());
    List<Compiled> compiled = new ArrayList<>();
    List<Route> given = routes == null ? List.of() : routes;
    for (int i = 0; i < given.size(); i++) {
      compiled.add(compile(given.get(i), "routes[" + i + "]"));
    }
    this.routes = List.copyOf(compiled);
  }

  /** Everything to one channel (or, for a blank one, nowhere). */
  public static ChannelRoutes to(String defaultChannel) {
    return new ChannelRoutes(defaultChannel, List.of());
  }

  /** The channel for a group with these labels, or empty if none is configured. */
  public Optional<String> channelFor(Map<String, String> labels) {
    for (Compiled route : routes) {
      if (route.matches(labels)) {
        return Optional.of(route.channel());
      }
    }
    return defaultChannel;
  }

  private static Compiled compile(Route route, String where) {
    if (route == null) {
      throw new IllegalArgumentException(where + " is empty: a route needs a channel and a match");
    }
    if (route.channel() == null || route.channel().isBlank()) {
      throw new IllegalArgumentException(where + " has no channel: set " + where + ".channel");
    }
    if (route.match().isEmpty()) {
      throw new IllegalArgumentException(
          where
              + " (channel "
              + route.channel().trim()
              + ") matches no label: set "
              + where
              + ".match.<label>, or use the default channel for everything");
    }
    Map<String, LabelMatcher> matchers = new LinkedHashMap<>();
    route.match().entrySet().stream()
        .sorted(Map.Entry.comparingByKey())
        .forEach(entry -> matchers.put(entry.getKey(), matcher(entry, where)));
    return new Compiled(route.channel().trim(), matchers);
  }

  private static LabelMatcher matcher(Map.Entry<String, String> entry, String where) {
    String value = entry.getValue() == null ? "" : entry.getValue();
    if (!value.startsWith("~")) {
      return new LabelMatcher.Exact(value);
    }
    try {
      return new LabelMatcher.Regex(Pattern.compile(value.substring(1)));
    } catch (PatternSyntaxException e) {
      throw new IllegalArgumentException(
          where
              + ".match."
              + entry.getKey()
              + ": not a regular expression: \""
              + value.substring(1)
              + "\" ("
              + e.getDescription()
              + " at index "
              + e.getIndex()
              + ")",
          e);
    }
  }

  @Override
  public String toString() {
    return "ChannelRoutes" + routes + " default " + defaultChannel.orElse("(none)");
  }
}
