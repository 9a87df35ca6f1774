package dev.warden.integrations.slack;

import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedDeque;
import org.slf4j.ILoggerFactory;
import org.slf4j.IMarkerFactory;
import org.slf4j.Marker;
import org.slf4j.event.Level;
import org.slf4j.helpers.BasicMDCAdapter;
import org.slf4j.helpers.BasicMarkerFactory;
import org.slf4j.helpers.LegacyAbstractLogger;
import org.slf4j.helpers.MessageFormatter;
import org.slf4j.spi.MDCAdapter;
import org.slf4j.spi.SLF4JServiceProvider;

/**
 * The integrations tests' SLF4J backend (chosen by the {@code slf4j.provider} system property in
 * the module's pom): keeps the latest log lines in memory, with their exceptions, so that tests can
 * check that no secret was logged, and prints nothing. Debug lines are kept for Warden, Slack's SDK
 * and OkHttp, where a leaked URL or token would show; other libraries from info up.
 */
public final class RecordedLogs implements SLF4JServiceProvider {
  private static final int KEPT = 20_000;
  private static final Deque<String> LINES = new ConcurrentLinkedDeque<>();

  private final BasicMarkerFactory markers = new BasicMarkerFactory();
  private final BasicMDCAdapter mdc = new BasicMDCAdapter();
  private final ILoggerFactory loggers = RecordingLogger::new;

  /** Every line kept so far, oldest first, as {@code LEVEL logger message [exception chain]}. */
  public static List<String> lines() {
    return new ArrayList<>(LINES);
  }

  /** Forgets the lines kept so far. */
  public static void clear() {
    LINES.clear();
  }

  @Override
  public ILoggerFactory getLoggerFactory() {
    return loggers;
  }

  @Override
  public IMarkerFactory getMarkerFactory() {
    return markers;
  }

  @Override
  public MDCAdapter getMDCAdapter() {
    return mdc;
  }

  @Override
  public String getRequestedApiVersion() {
    return "2.0.99";
  }

  @Override
  public void initialize() {}

  private static final class RecordingLogger extends LegacyAbstractLogger {
    private final boolean debug;

    RecordingLogger(String name) {
      this.name = name;
      this.debug =
          name.startsWith("dev.warden")
              || name.startsWith("com.slack")
              || name.startsWith("okhttp3");
    }

    @Override
    public boolean isTraceEnabled() {
      return false;
    }

    @Override
    public boolean isDebugEnabled() {
      return debug;
    }

    @Override
    public boolean isInfoEnabled() {
      return true;
    }

    @Override
    public boolean isWarnEnabled() {
      return true;
    }

    @Override
    public boolean isErrorEnabled() {
      return true;
    }

    @Override
    protected String getFullyQualifiedCallerName() {
      return null;
    }

    @Override
    protected void handleNormalizedLoggingCall(
        Level level, Marker marker, String pattern, Object[] arguments, Throwable throwable) {
      StringBuilder line =
          new StringBuilder(level.name())
              .append(' ')
              .append(name)
              .append(' ')
              .append(MessageFormatter.basicArrayFormat(pattern, arguments));
      for (Throwable cause = throwable; cause != null; cause = cause.getCause()) {
        line.append(" [").append(cause).append(']');
        if (cause.getCause() == cause) {
          break;
        }
      }
      LINES.addLast(line.toString());
      while (LINES.size() > KEPT) {
        LINES.pollFirst();
      }
    }
  }
}
