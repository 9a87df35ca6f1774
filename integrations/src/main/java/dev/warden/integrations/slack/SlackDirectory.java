package dev.warden.integrations.slack;

import com.github.benmanes.caffeine.cache.CacheLoader;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.LoadingCache;
import com.github.benmanes.caffeine.cache.Ticker;
import com.slack.api.model.User;
import dev.warden.core.approval.Directory;
import dev.warden.core.chat.ChatException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Who belongs to which approver group, from Slack: {@code slack-group:<id>} for every Slack user
 * group the policies name that has the user in it ({@code usergroups.users.list}, scope {@code
 * usergroups:read}), and {@code github:<login>} when the configured e-mail to GitHub login map has
 * the user's e-mail ({@code users.info}, scope {@code users:read.email}).
 *
 * <p>Each group's members and each user's e-mail are cached for a TTL, so a vote costs no Web API
 * call most of the time and leaving a group takes effect within the TTL. Only the groups the
 * policies name are asked, through the supplier the application gives (the policies' current
 * references). A group Slack will not list (an error, a missing scope, Slack unreachable) counts as
 * one the user is not in: the failure is logged with the group and Slack's error code and nothing
 * is cached, so the next vote asks again. {@link #membershipsOf} never throws for Slack's failures.
 */
public final class SlackDirectory implements Directory {
  private static final Logger log = LoggerFactory.getLogger(SlackDirectory.class);

  /** How a Slack user group is named in policies. */
  public static final String GROUP_PREFIX = "slack-group:";

  /** How a GitHub login is named in memberships. */
  public static final String GITHUB_PREFIX = "github:";

  /** How long a group's members and a user's e-mail are kept when nothing else is configured. */
  public static final Duration DEFAULT_TTL = Duration.ofMinutes(5);

  private final SlackWebApi api;
  private final Supplier<Set<String>> approverReferences;
  private final Map<String, String> githubLogins;
  private final Duration ttl;
  private final LoadingCache<String, Set<String>> members;
  private final LoadingCache<String, Optional<String>> emails;
  private volatile String lastError;

  /**
   * A directory on the Web API with the bot token.
   *
   * @param approverReferences the approver references of the current policies; those starting with
   *     {@code slack-group:} are the groups asked
   * @param githubLogins e-mail address (any case) to GitHub login; may be empty
   * @param ttl how long a group's members and a user's e-mail are kept ({@link #DEFAULT_TTL})
   */
  public SlackDirectory(
      SlackSettings settings,
      Supplier<Set<String>> approverReferences,
      Map<String, String> githubLogins,
      Duration ttl) {
    this(new SlackWebApi(settings), approverReferences, githubLogins, ttl, Ticker.systemTicker());
  }

  SlackDirectory(
      SlackWebApi api,
      Supplier<Set<String>> approverReferences,
      Map<String, String> githubLogins,
      Duration ttl,
      Ticker ticker) {
    this.api = Objects.requireNonNull(api, "api");
    this.approverReferences = Objects.requireNonNull(approverReferences, "approverReferences");
    this.githubLogins = lowerCaseKeys(githubLogins == null ? Map.of() : githubLogins);
    Objects.requireNonNull(ttl, "ttl");
    if (ttl.isNegative() || ttl.isZero()) {
      throw new IllegalArgumentException("the Slack directory's TTL must be positive, not " + ttl);
    }
    this.ttl = ttl;
    this.members = cache(ticker, this::fetchMembers);
    this.emails = cache(ticker, this::fetchEmail);
  }

  private <V> LoadingCache<String, V> cache(Ticker ticker, CacheLoader<String, V> loader) {
    return Caffeine.newBuilder()
        .ticker(ticker)
        .expireAfterWrite(ttl)
        .maximumSize(10_000)
        .executor(Runnable::run)
        .build(loader);
  }

  @Override
  public Set<String> membershipsOf(String userId) {
    if (userId == null || userId.isBlank()) {
      return Set.of();
    }
    Set<String> memberships = new TreeSet<>();
    for (String group : groups()) {
      Set<String> users = lookUp(members, group, "usergroups.users.list", "group");
      if (users != null && users.contains(userId)) {
        memberships.add(GROUP_PREFIX + group);
      }
    }
    if (!githubLogins.isEmpty()) {
      Optional<String> email = lookUp(emails, userId, "users.info", "user");
      if (email != null && email.isPresent()) {
        String login = githubLogins.get(email.get().toLowerCase(Locale.ROOT));
        if (login != null) {
          memberships.add(GITHUB_PREFIX + login);
        }
      }
    }
    return Set.copyOf(memberships);
  }

  /** What the health endpoint shows: the groups asked, the mapping's size, the last failure. */
  public String state() {
    StringBuilder state =
        new StringBuilder("directory: ")
            .append(groups().size())
            .append(" Slack user group(s) in policies, ")
            .append(githubLogins.size())
            .append(" e-mail to GitHub login mapping(s), cached ")
            .append(ttl);
    String error = lastError;
    if (error != null) {
      state.append(", last error ").append(error);
    }
    return state.toString();
  }

  private Set<String> groups() {
    Set<String> groups = new TreeSet<>();
    Set<String> references = approverReferences.get();
    if (references != null) {
      for (String reference : references) {
        if (reference != null && reference.startsWith(GROUP_PREFIX)) {
          String id = reference.substring(GROUP_PREFIX.length()).trim();
          if (!id.isEmpty()) {
            groups.add(id);
          }
        }
      }
    }
    return groups;
  }

  /** The cached value, or {@code null} after logging when Slack would not answer. */
  private <V> V lookUp(LoadingCache<String, V> cache, String key, String method, String what) {
    try {
      return cache.get(key);
    } catch (ChatException e) {
      lastError = method + " " + e.error();
      log.warn("slack directory method={} {}={} error={}", method, what, key, e.error());
      return null;
    }
  }

  private Set<String> fetchMembers(String group) {
    List<String> users =
        api.call(
                "usergroups.users.list",
                null,
                client -> client.usergroupsUsersList(request -> request.usergroup(group)))
            .getUsers();
    return users == null ? Set.of() : Set.copyOf(users);
  }

  private Optional<String> fetchEmail(String userId) {
    User user =
        api.call("users.info", null, client -> client.usersInfo(request -> request.user(userId)))
            .getUser();
    if (user == null || user.getProfile() == null) {
      return Optional.empty();
    }
    String email = user.getProfile().getEmail();
    return email == null || email.isBlank() ? Optional.empty() : Optional.of(email.trim());
  }

  private static Map<String, String> lowerCaseKeys(Map<String, String> logins) {
    Map<String, String> lower = new LinkedHashMap<>();
    logins.forEach(
        (email, login) -> {
          if (email != null && !email.isBlank() && login != null && !login.isBlank()) {
            lower.put(email.trim().toLowerCase(Locale.ROOT), login.trim());
          }
        });
    return Map.copyOf(lower);
  }
}
